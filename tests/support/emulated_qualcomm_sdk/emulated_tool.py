#!/usr/bin/env python3
"""Entry point of every emulated Qualcomm tool: the SDK's bin/ and exec/ folders link each tool's
name here, and the name it was started as picks the tool."""
import emulated_common
import emulated_qaic
import emulated_qnn
import emulated_snpe

if __name__ == "__main__":
    emulated_common.main({**emulated_snpe.TOOLS, **emulated_qnn.TOOLS, **emulated_qaic.TOOLS})
