"""The command line's commands: adapters from arguments to the services."""
