"""The package version, in a module of its own so `import verify.cli` need not import the library."""

__version__ = "0.1.0"
