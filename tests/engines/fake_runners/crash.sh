#!/bin/sh
# Answers hello, then dies by SIGSEGV on the next request after a last word on stderr.
. "$(dirname "$0")/common.sh"
reply_hello
read -r line
echo "fake engine: about to crash on: $line" >&2
kill -SEGV $$
