from cli import shell
