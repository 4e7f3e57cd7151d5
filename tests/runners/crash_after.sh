#!/bin/sh
# The real runner ($ONNXBENCH_TEST_RUNNER), killed with SIGSEGV $ONNXBENCH_TEST_CRASH_AFTER seconds
# after it starts: a model that crashes the engine mid-bench, as onnxbench sees it.
( sleep "$ONNXBENCH_TEST_CRASH_AFTER"; kill -SEGV $$ ) &
exec "$ONNXBENCH_TEST_RUNNER"
