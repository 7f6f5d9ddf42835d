// drizzle-kit writes SQL migrations into migrations/, which wrangler (local and remote) and the tests apply.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema/*.ts',
  out: './migrations',
});
