// `npm run migration:run`: applies pending TypeORM migrations to DATABASE_URL.
import { migrate } from '../libs/persistence/src';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is required');
  process.exit(1);
}
migrate(url).then(
  (names) => console.log(names.length ? `applied: ${names.join(', ')}` : 'schema is up to date'),
  (e) => {
    console.error(e.message);
    process.exit(1);
  },
);
