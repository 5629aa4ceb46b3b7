"""Collect search words once per statement, not once per row (PostgreSQL only).

The row trigger of 0003 inserted each service's words one row at a time: a bulk load of
5,000 services spent most of its time there. Statement-level triggers see every new or
changed row at once (a transition table) and insert the distinct words in one go. The row
trigger keeps only the search vector.
"""

from django.db import migrations

VECTOR_ONLY = """
    CREATE OR REPLACE FUNCTION provision_service_search_vector() RETURNS trigger AS $$
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('english', coalesce(NEW.name, '')), 'A') ||
            setweight(to_tsvector('english', coalesce(NEW.description, '')), 'B') ||
            setweight(to_tsvector('english', coalesce(NEW.taxonomy_text, '')), 'C');
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
"""

FORWARDS = [
    VECTOR_ONLY,
    """
    CREATE OR REPLACE FUNCTION provision_service_collect_words() RETURNS trigger AS $$
    BEGIN
        INSERT INTO provision_searchword (word)
        SELECT DISTINCT lexeme
        FROM changed, unnest(tsvector_to_array(to_tsvector('simple',
            coalesce(changed.name, '') || ' ' || coalesce(changed.taxonomy_text, '') || ' '
            || coalesce(changed.description, '')))) AS lexeme
        WHERE length(lexeme) BETWEEN 3 AND 100 AND lexeme ~ '^[[:alpha:]]+$'
        ON CONFLICT DO NOTHING;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER provision_service_words_on_insert AFTER INSERT ON provision_service
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION provision_service_collect_words()
    """,
    """
    CREATE TRIGGER provision_service_words_on_update AFTER UPDATE ON provision_service
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION provision_service_collect_words()
    """,
]

BACKWARDS = [
    "DROP TRIGGER IF EXISTS provision_service_words_on_update ON provision_service",
    "DROP TRIGGER IF EXISTS provision_service_words_on_insert ON provision_service",
    "DROP FUNCTION IF EXISTS provision_service_collect_words()",
    """
    CREATE OR REPLACE FUNCTION provision_service_search_vector() RETURNS trigger AS $$
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('english', coalesce(NEW.name, '')), 'A') ||
            setweight(to_tsvector('english', coalesce(NEW.description, '')), 'B') ||
            setweight(to_tsvector('english', coalesce(NEW.taxonomy_text, '')), 'C');
        IF TG_OP = 'INSERT'
           OR NEW.name IS DISTINCT FROM OLD.name
           OR NEW.description IS DISTINCT FROM OLD.description
           OR NEW.taxonomy_text IS DISTINCT FROM OLD.taxonomy_text THEN
            INSERT INTO provision_searchword (word)
            SELECT lexeme FROM unnest(tsvector_to_array(to_tsvector('simple',
                coalesce(NEW.name, '') || ' ' || coalesce(NEW.taxonomy_text, '') || ' '
                || coalesce(NEW.description, '')))) AS lexeme
            WHERE length(lexeme) BETWEEN 3 AND 100 AND lexeme ~ '^[[:alpha:]]+$'
            ON CONFLICT DO NOTHING;
        END IF;
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
]


def _on_postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("provision", "0004_list_indexes")]

    operations = [migrations.RunPython(_on_postgres(FORWARDS), _on_postgres(BACKWARDS), elidable=False)]
