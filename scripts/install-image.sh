#!/bin/sh
# The install steps of the container image, kept in one place so that CI can prove them
# without a container engine: `.ci/run` runs this script into a fresh virtualenv, and the
# Dockerfile runs it into /opt/podlint. Usage: scripts/install-image.sh SOURCE PREFIX
#
# A plain (not editable) install from the source tree, as a user's image would make it: the
# wheel carries schemas/ and rules/ inside the package, so nothing reads the source tree
# afterwards and it can be deleted.
set -eu
source=${1:?usage: install-image.sh SOURCE PREFIX}
prefix=${2:?usage: install-image.sh SOURCE PREFIX}
python3 -m venv "$prefix"
"$prefix/bin/python" -m pip install --quiet --no-cache-dir --disable-pip-version-check "$source"
# Byte-compile once at install time: the image's root file system is read-only to the
# non-root user, and a pre-commit hook or a CI step pays start-up on every run.
"$prefix/bin/python" -m compileall -q "$prefix/lib" >/dev/null
"$prefix/bin/podlint" --version
