#!/bin/sh
# Exits with status 3 before answering hello.
echo "fake engine: cannot find my library" >&2
exit 3
