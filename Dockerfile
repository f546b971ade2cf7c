# podlint as a container image:
#   docker build -t podlint .
#   docker run --rm -v "$PWD:/src" podlint check .
# The install step is scripts/install-image.sh, which .ci/run also runs in a fresh virtualenv.
FROM python:3.12-slim

COPY . /tmp/podlint
RUN sh /tmp/podlint/scripts/install-image.sh /tmp/podlint /opt/podlint \
    && rm -rf /tmp/podlint \
    && useradd --create-home --uid 10001 podlint

ENV PATH=/opt/podlint/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
# The mounted repository belongs to the user outside; a non-root user inside can read it, and
# podlint writes nothing there unless asked (--output, --write-baseline, --fix).
USER podlint
WORKDIR /src
ENTRYPOINT ["podlint"]
CMD ["check", "."]
