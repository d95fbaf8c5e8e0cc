"""Label Studio: the local server, the API client, the project, push and pull."""
