"""podlint: check Kubernetes pod manifests the way the API server will."""

__version__ = "0.1.0"
