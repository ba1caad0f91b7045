"""Command-line subcommands, one module each: ``register(subparsers)`` adds the parser and
sets ``run`` as its default handler."""
