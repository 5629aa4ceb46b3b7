"""Search support on PostgreSQL; nothing on SQLite.

- pg_trgm, for trigram similarity ("speach therapy" finds Speech and Language Therapy).
- A trigger that keeps `search_vector` = name (weight A) + description (B) + term names (C),
  on every insert and update, however the row is written (forms, admin, loaddata, bulk_create).
- GIN indexes: one on the vector for full-text search, trigram ones on name and term names.

These live outside the model state on purpose: the same models run on SQLite, which has
neither tsvector functions nor GIN indexes.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

FORWARDS = [
    """
    CREATE OR REPLACE FUNCTION provision_service_search_vector() RETURNS trigger AS $$
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('english', coalesce(NEW.name, '')), 'A') ||
            setweight(to_tsvector('english', coalesce(NEW.description, '')), 'B') ||
            setweight(to_tsvector('english', coalesce(NEW.taxonomy_text, '')), 'C');
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER provision_service_search_vector_update
    BEFORE INSERT OR UPDATE ON provision_service
    FOR EACH ROW EXECUTE FUNCTION provision_service_search_vector()
    """,
    "UPDATE provision_service SET name = name",
    "CREATE INDEX provision_service_search_gin ON provision_service USING gin (search_vector)",
    "CREATE INDEX provision_service_name_trgm ON provision_service USING gin (name gin_trgm_ops)",
    "CREATE INDEX provision_service_terms_trgm ON provision_service USING gin (taxonomy_text gin_trgm_ops)",
]

BACKWARDS = [
    "DROP INDEX IF EXISTS provision_service_terms_trgm",
    "DROP INDEX IF EXISTS provision_service_name_trgm",
    "DROP INDEX IF EXISTS provision_service_search_gin",
    "DROP TRIGGER IF EXISTS provision_service_search_vector_update ON provision_service",
    "DROP FUNCTION IF EXISTS provision_service_search_vector()",
]


def _on_postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class PostgresOnlyTrigramExtension(TrigramExtension):
    """Django's CreateExtension skips other databases going forwards but not backwards."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("provision", "0001_initial")]

    operations = [
        PostgresOnlyTrigramExtension(),
        migrations.RunPython(_on_postgres(FORWARDS), _on_postgres(BACKWARDS), elidable=False),
    ]
