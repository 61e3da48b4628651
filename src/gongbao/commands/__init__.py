"""The commands of ``gongbao`` (gongbao.cli), one module each, each with ``run(args) -> int``: the CLI imports
only the one it runs, so ``gongbao check`` does not import the build, the server or the importer."""
