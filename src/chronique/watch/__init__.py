"""Following feeds and folders (``chronique watch``): polite fetching, exactly-once storage, resumable state."""
from chronique.watch.follow import Follower, WatchOptions  # noqa: F401
from chronique.watch.state import source_status  # noqa: F401
