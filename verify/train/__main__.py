"""Entry point: `python -m verify.train --help`."""

from verify.train.finetune import parse_args, train

if __name__ == "__main__":
    train(parse_args())
