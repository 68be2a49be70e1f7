#!/usr/bin/env bash
# Publish to the gh-pages branch (what GitHub Pages serves), keeping what else is there:
#   scripts/gh-pages.sh site SITE_DIR        the site: every file replaced, but pr-preview/
#   scripts/gh-pages.sh preview N SITE_DIR   a pull request's preview: pr-preview/pr-N/ replaced
#   scripts/gh-pages.sh remove N             pr-preview/pr-N/ removed (the pull request closed)
# Run in a clone of the repository that may push to `origin` (REMOTE=name overrides). Each run
# is one commit on top of the branch as it is; a push that lost a race with another publish is
# made again on top of that one. N must be a pull request's number: digits, nothing else.
set -euo pipefail

usage() {
  echo "usage: scripts/gh-pages.sh site SITE_DIR | preview N SITE_DIR | remove N" >&2
  exit 2
}
remote=${REMOTE:-origin}
branch=gh-pages
mode=${1:-}
number=
case "$mode" in
  site) [ $# -eq 2 ] || usage; src=$2 ;;
  preview) [ $# -eq 3 ] || usage; number=$2; src=$3 ;;
  remove) [ $# -eq 2 ] || usage; number=$2; src= ;;
  *) usage ;;
esac
if [ "$mode" != site ] && ! [[ "$number" =~ ^[1-9][0-9]{0,9}$ ]]; then
  echo "gh-pages: not a pull request's number: '$number' (digits only)" >&2
  exit 2
fi
if [ -n "$src" ] && [ ! -f "$src/index.html" ]; then
  echo "gh-pages: $src holds no built site (no index.html)" >&2
  exit 2
fi
folder=${number:+pr-preview/pr-$number}
case "$mode" in
  site) message="Publish the site (built and scanned)" ;;
  preview) message="Preview of pull request #$number (built and scanned)" ;;
  remove) message="Remove the preview of pull request #$number (closed)" ;;
esac
export GIT_AUTHOR_NAME=${GIT_AUTHOR_NAME:-site-gen} GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL:-site-gen@users.noreply.github.com}
export GIT_COMMITTER_NAME=${GIT_COMMITTER_NAME:-$GIT_AUTHOR_NAME} GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL:-$GIT_AUTHOR_EMAIL}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for attempt in 1 2 3 4 5; do
  rm -rf "$work/tree" "$work/index"
  mkdir "$work/tree"
  parent=
  if git fetch -q --depth 1 "$remote" "+refs/heads/$branch:refs/site-gen/$branch" 2>/dev/null; then
    parent=$(git rev-parse "refs/site-gen/$branch")
    git archive "$parent" | tar -x -C "$work/tree"
  fi
  case "$mode" in
    site)
      find "$work/tree" -mindepth 1 -maxdepth 1 ! -name pr-preview -exec rm -rf {} +
      cp -R "$src"/. "$work/tree"/
      ;;
    preview)
      rm -rf "${work:?}/tree/$folder"
      mkdir -p "$work/tree/$folder"
      cp -R "$src"/. "$work/tree/$folder"/
      ;;
    remove)
      rm -rf "${work:?}/tree/$folder"
      ;;
  esac
  touch "$work/tree/.nojekyll"  # served as built: folders starting with _ too
  GIT_INDEX_FILE="$work/index" git --work-tree="$work/tree" add -A -f .
  tree=$(GIT_INDEX_FILE="$work/index" git write-tree)
  if [ -n "$parent" ] && [ "$tree" = "$(git rev-parse "$parent^{tree}")" ]; then
    echo "gh-pages: nothing changed; $branch left as it was"
    exit 0
  fi
  commit=$(git commit-tree "$tree" ${parent:+-p "$parent"} -m "$message")
  if git push -q "$remote" "$commit:refs/heads/$branch"; then
    echo "gh-pages: $message: pushed to $branch${folder:+ under $folder/}"
    exit 0
  fi
  echo "gh-pages: the push lost a race with another publish; again on top of it ($attempt)" >&2
  sleep "$attempt"
done
echo "gh-pages: could not push to $branch after 5 tries" >&2
exit 1
