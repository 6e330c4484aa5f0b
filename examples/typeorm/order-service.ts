import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Order, User } from './entities';

@Injectable()
export class OrderService {
  constructor(
    @InjectRepository(Order) private readonly orderRepo: Repository<Order>,
    @InjectRepository(User) private readonly userRepo: Repository<User>,
  ) {}

  // BAD: one customer query per order.
  async customersOf(orders: Order[]) {
    return Promise.all(orders.map((o) => this.userRepo.findOneBy({ id: o.customerId })));
  }

  // GOOD: one query with IN.
  async customersOfBatched(orders: Order[]) {
    return this.userRepo.findBy({ id: In(orders.map((o) => o.customerId)) });
  }

  // GOOD: the relation is joined by the list query.
  async ordersWithCustomers() {
    return this.orderRepo.find({ relations: { customer: true }, order: { id: 'ASC' } });
  }
}
