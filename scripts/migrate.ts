// `npm run migration:run`: the migration job of the image (libs/persistence/src/migrate.main.ts), from source.
// MIGRATION_DATABASE_URL is the schema owner; the application role (DATABASE_APP_ROLE) gets its rights afterwards.
import '../libs/persistence/src/migrate.main';
