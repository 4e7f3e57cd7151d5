#!/bin/sh
# Answers hello, then never answers again.
. "$(dirname "$0")/common.sh"
reply_hello
read -r line
echo "fake engine: stuck" >&2
exec sleep 100000
