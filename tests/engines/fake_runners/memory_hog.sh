#!/bin/sh
# Answers hello, then fills 1 GiB of memory and sits on it.
. "$(dirname "$0")/common.sh"
reply_hello
read -r line
exec /usr/bin/python3 -c "import time; b = b'x' * (1 << 30); time.sleep(100000)"
