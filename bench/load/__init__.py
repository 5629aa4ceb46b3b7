"""The load test: locust against gunicorn on PostgreSQL (bench/load/run.sh, `make load`)."""
