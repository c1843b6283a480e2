import click
@click.group()
def main():
    """newsgraph"""
