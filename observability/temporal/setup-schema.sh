#!/bin/sh
# The temporal-schema job of docker-compose.yml (temporalio/admin-tools image, so POSIX sh only).
# It replaces what the deprecated temporalio/auto-setup image did before starting the server: create
# the Temporal server's two MySQL databases on Comanda's mysql service and bring their schemas to the
# versions this admin-tools release ships, so the admin-tools and server tags must stay equal
# (observability/check.sh fails when they differ). Every step is idempotent: `create` leaves an
# existing database alone, `setup-schema -v 0.0` only versions an empty one, `update-schema` applies
# just the missing versioned migrations. Safe to run on every `docker compose up`.
#
# Reads the same variables the temporal service's config template reads (docker-compose.yml sets
# both from one anchor): DB (SQL plugin), MYSQL_SEEDS, DB_PORT, MYSQL_USER, MYSQL_PWD, DBNAME,
# VISIBILITY_DBNAME.
set -eu

: "${DB:?}" "${MYSQL_SEEDS:?}" "${DB_PORT:?}" "${MYSQL_USER:?}" "${DBNAME:?}" "${VISIBILITY_DBNAME:?}"
# temporal-sql-tool's own variables; the password goes through the environment, not the command line.
SQL_PLUGIN=$DB SQL_HOST=$MYSQL_SEEDS SQL_PORT=$DB_PORT SQL_USER=$MYSQL_USER SQL_PASSWORD=${MYSQL_PWD:-}
export SQL_PLUGIN SQL_HOST SQL_PORT SQL_USER SQL_PASSWORD

# The schemas this image ships (mysql8 = schema/mysql/v8).
schemas=/etc/temporal/schema/mysql/v8

migrate() { # database, versioned schema directory
  echo "== $1: create, set up, update ($2)"
  temporal-sql-tool --db "$1" create
  temporal-sql-tool --db "$1" setup-schema -v 0.0
  temporal-sql-tool --db "$1" update-schema -d "$2"
}

migrate "$DBNAME" "$schemas/temporal/versioned"
migrate "$VISIBILITY_DBNAME" "$schemas/visibility/versioned"
echo "Temporal schemas of $DBNAME and $VISIBILITY_DBNAME are up to date"
