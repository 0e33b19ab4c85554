#!/usr/bin/env bash
# Adds a migration named $1 to every module DbContext, once per provider.
# Usage: tools/add-migration.sh AddSomething [Project] [Context...]
#   Project defaults to Platform.Core; contexts default to all of that project.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?migration name}
project=${2:-Platform.Core}
shift $(( $# >= 2 ? 2 : 1 ))
case "$project" in
  Platform.Core) path=src/Platform/Platform.Core ;;
  *) path=src/Modules/$project ;;
esac
dotnet tool restore >/dev/null
contexts=("$@")
if [ ${#contexts[@]} -eq 0 ]; then
  contexts=($(dotnet ef dbcontext list --project "$path" --startup-project src/Platform/Platform.Web --no-build --json 2>/dev/null \
    | python3 -c 'import json,sys; [print(c["safeName"]) for c in json.load(sys.stdin) if ", "+sys.argv[1]+"," in c["assemblyQualifiedName"]]' "$project"))
fi
for ctx in "${contexts[@]}"; do
  case "$ctx" in
    Sqlite*) provider=Sqlite; module=${ctx#Sqlite} ;;
    Postgres*) provider=Postgres; module=${ctx#Postgres} ;;
    *) echo "skip $ctx (no provider prefix)"; continue ;;
  esac
  module=${module%DbContext}
  dotnet ef migrations add "$name" --project "$path" --startup-project src/Platform/Platform.Web \
    --context "$ctx" --output-dir "Migrations/$module/$provider" --no-build
done
