#!/bin/sh
# Answers hello, then replies to the next request without a boolean 'ok'.
. "$(dirname "$0")/common.sh"
reply_hello
read -r line
printf '%s\n' '{"id":2,"ok":"maybe"}'
exec sleep 100000
