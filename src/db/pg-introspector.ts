import { PostgresDialect, sql, type DatabaseIntrospector, type DatabaseMetadata, type DatabaseMetadataOptions, type Kysely, type SchemaMetadata, type TableMetadata } from 'kysely';

type ColumnRow = {
  schema: string;
  table: string;
  table_kind: string;
  column: string;
  not_null: boolean;
  has_default: boolean;
  type: string;
  type_schema: string;
  comment: string | null;
  auto_incrementing: boolean;
};

const bookkeeping = ['kysely_migration', 'kysely_migration_lock'];

/**
 * Kysely's stock PostgreSQL introspector reads every schema in the database and resolves each one
 * by name (`has_schema_privilege`, `pg_get_serial_sequence`). When another process drops a schema
 * during that read (several desks, or test runs, sharing one server) the migrator fails with
 * "schema … does not exist". This one reads only the schemas on the connection's search path and
 * follows catalog ids, never names, so other schemas coming and going cannot disturb it.
 */
export class SearchPathIntrospector implements DatabaseIntrospector {
  // Catalog tables are not part of the application's typed schema.
  constructor(private readonly db: Kysely<any>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const rows = await sql<{ name: string }>`select unnest(current_schemas(false)) as name`.execute(this.db);
    return rows.rows.map((row) => ({ name: row.name }));
  }

  async getTables(options: DatabaseMetadataOptions = { withInternalKyselyTables: false }): Promise<TableMetadata[]> {
    const rows = await sql<ColumnRow>`
      select ns.nspname as schema, c.relname as table, c.relkind as table_kind,
             a.attname as column, a.attnotnull as not_null, a.atthasdef as has_default,
             typ.typname as type, tns.nspname as type_schema,
             col_description(c.oid, a.attnum) as comment,
             (a.attidentity <> '' or exists (
               select 1 from pg_catalog.pg_depend d join pg_catalog.pg_class s on s.oid = d.objid
               where d.classid = 'pg_catalog.pg_class'::regclass and d.refclassid = 'pg_catalog.pg_class'::regclass and d.refobjid = c.oid
                 and d.refobjsubid = a.attnum and s.relkind = 'S' and d.deptype in ('a', 'i')
             )) as auto_incrementing
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
      join pg_catalog.pg_attribute a on a.attrelid = c.oid
      join pg_catalog.pg_type typ on typ.oid = a.atttypid
      join pg_catalog.pg_namespace tns on tns.oid = typ.typnamespace
      where ns.nspname = any(current_schemas(false))
        and c.relkind in ('r', 'v', 'p')
        and a.attnum > 0 and not a.attisdropped
      order by ns.nspname, c.relname, a.attnum`.execute(this.db);
    const tables = new Map<string, TableMetadata & { columns: TableMetadata['columns'][number][] }>();
    for (const row of rows.rows) {
      if (!options.withInternalKyselyTables && bookkeeping.includes(row.table)) continue;
      const key = `${row.schema}.${row.table}`;
      let table = tables.get(key);
      if (!table) {
        table = { name: row.table, schema: row.schema, isView: row.table_kind === 'v', columns: [] };
        tables.set(key, table);
      }
      table.columns.push({
        name: row.column,
        dataType: row.type,
        dataTypeSchema: row.type_schema,
        isNullable: !row.not_null,
        hasDefaultValue: row.has_default,
        isAutoIncrementing: row.auto_incrementing,
        ...(row.comment === null ? {} : { comment: row.comment }),
      });
    }
    return [...tables.values()];
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}

/** PostgreSQL through Kysely, introspecting only the search path (see SearchPathIntrospector). */
export class SearchPathPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SearchPathIntrospector(db);
  }
}
