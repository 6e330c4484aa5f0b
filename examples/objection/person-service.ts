import { Person, Pet } from './models';

// BAD: one pets query per person, through the lazy relation API.
export async function petsOf(people: Person[]) {
  const out = [];
  for (const person of people) {
    out.push(await person.$relatedQuery('pets'));
  }
  return out;
}

// BAD: one owner query per pet.
export async function ownersOf(pets: Pet[]) {
  return Promise.all(pets.map((pet) => Person.query().findById(pet.ownerId)));
}

// GOOD: eager loading.
export async function peopleWithPets() {
  return Person.query().withGraphFetched('pets').orderBy('id');
}
