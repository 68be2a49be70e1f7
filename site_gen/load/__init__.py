"""The only code that reads content/, in modules along its seams:

- `reader`: one YAML file -> a `Document` of plain values with the line mark of each;
- `hints`: YAML syntax errors in an editor's words;
- `characters`: characters no value may hold;
- `messages`: the model's validation errors in an editor's words;
- `folder`: the walk of the content folder (what is where, what may not be there);
- `content`: every file read, validated and cached -> `Loaded`.
"""

from site_gen.load.content import FileCache, Loaded, load_content, read_explainer
from site_gen.load.folder import content_links
from site_gen.load.messages import did_you_mean
from site_gen.load.reader import MAX_FILE_BYTES, Document, Loc, Mark, read_yaml

__all__ = [
    "MAX_FILE_BYTES",
    "Document",
    "FileCache",
    "Loaded",
    "Loc",
    "Mark",
    "content_links",
    "did_you_mean",
    "load_content",
    "read_explainer",
    "read_yaml",
]
