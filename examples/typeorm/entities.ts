import { Column, Entity, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
export class User {
  @PrimaryGeneratedColumn() id!: number;
  @Column() name!: string;
  @OneToMany(() => Order, (order) => order.customer) orders!: Order[];
}

@Entity()
export class Order {
  @PrimaryGeneratedColumn() id!: number;
  @Column() customerId!: number;
  @ManyToOne(() => User, (user) => user.orders) customer!: User;
}
