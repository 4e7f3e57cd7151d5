#!/bin/sh
# Answers hello, then writes a line that is not a protocol message.
. "$(dirname "$0")/common.sh"
reply_hello
read -r line
echo "WARNING: something printed to stdout by a careless library"
exec sleep 100000
