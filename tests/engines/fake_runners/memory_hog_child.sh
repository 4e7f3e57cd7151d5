#!/bin/sh
# Answers hello, then leaves the memory to a child in its process group: the shell itself stays
# small, so only a limit over the whole group catches it.
. "$(dirname "$0")/common.sh"
reply_hello
read -r line
/usr/bin/python3 -c "import time; b = b'x' * (1 << 30); time.sleep(100000)" &
wait
