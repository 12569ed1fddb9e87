"""Extract what `segment: true` (Intl.Segmenter, ICU word breaks) needs from the Node 20 that
the differential tests run: ICU's Chinese/Japanese dictionary (`brkitr/cjdict.dict`, a
UCharsTrie of words and costs) and the set of characters ICU's CJK break engine handles
(`[[:Han:][:Hiragana:][:Katakana:]\\u30fc\\uff70\\uff9e\\uff9f]`), into
src/flowgate/codeblock/bridge/data/pinyin-icu-<version>.bin.gz, with the ICU licence (which
covers cjdict: Unicode License V3, Google's BSD licence, libtabe, IPADIC) next to it.

    .venv/bin/python assets/pinyin-icu-data.py [path/to/node [path/to/node/LICENSE]]

Node embeds ICU's common data file (`icudt<version>l.dat`) in its binary; the script finds its
table of contents and copies the dictionary's trie as it is (little-endian UTF-16 units), so
`bridge/pinyin_icu.py` walks the very trie Node's `Intl.Segmenter` walks. The character set
comes from the same Node (V8's `\\p{Script=...}` uses the same ICU). Output is deterministic.
"""

from __future__ import annotations

import gzip
import json
import shutil
import struct
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "src/flowgate/codeblock/bridge/data"
CJ_SET_JS = r"""
const re = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc\uff70\uff9e\uff9f]/u;
const ranges = [];
for (let cp = 0; cp <= 0x10ffff; cp++) {
  if (cp >= 0xd800 && cp <= 0xdfff) continue;
  if (!re.test(String.fromCodePoint(cp))) continue;
  const last = ranges[ranges.length - 1];
  if (last && last[1] === cp - 1) last[1] = cp; else ranges.push([cp, cp]);
}
process.stdout.write(JSON.stringify({ icu: process.versions.icu, unicode: process.versions.unicode, ranges }));
"""


def common_data_entry(binary: bytes, suffix: bytes) -> bytes:
    """The bytes of the entry of ICU's common data (`CmnD`) whose name ends with `suffix`."""
    at = 0
    while (at := binary.find(b"CmnD", at + 1)) >= 0:
        start = at - 12  # MappedData header: u16 size, magic da 27, UDataInfo (format at +8)
        size, magic1, magic2 = struct.unpack_from("<HBB", binary, start)
        if (magic1, magic2) != (0xDA, 0x27):
            continue
        toc = start + size
        (count,) = struct.unpack_from("<I", binary, toc)
        offsets = [struct.unpack_from("<II", binary, toc + 4 + 8 * k) for k in range(count)]
        for k, (name_at, data_at) in enumerate(offsets):
            name = binary[toc + name_at : binary.index(b"\0", toc + name_at)]
            if name.endswith(suffix):
                end = offsets[k + 1][1] if k + 1 < count else data_at + (1 << 24)
                return binary[toc + data_at : toc + end]
    raise SystemExit(f"no {suffix.decode()} in the ICU data of this node binary")


def cjdict_trie(entry: bytes) -> bytes:
    """The UCharsTrie of a `Dict` data file (DictionaryData: 8 int32 indexes, then the trie)."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", entry, 0)
    if (magic1, magic2) != (0xDA, 0x27) or entry[12:16] != b"Dict":
        raise SystemExit("cjdict.dict: not a Dict data file")
    indexes = struct.unpack_from("<8i", entry, header_size)
    trie_offset, total_size, trie_type, transform = indexes[0], indexes[3], indexes[4], indexes[5]
    if trie_type != 9 or transform != 0:  # UCHARS | HAS_VALUES, no transform
        raise SystemExit(f"cjdict.dict: unexpected trie type {trie_type} / transform {transform}")
    return entry[header_size + trie_offset : header_size + total_size]


def icu_licence(node_licence: Path) -> str:
    """ICU's section of Node's LICENSE (it carries the cjdict notices)."""
    text = node_licence.read_text("utf-8")
    start = text.index("- ICU, located at")
    opening = text.index('"""', start)
    end = text.index('\n  """\n', opening + 3) + 6
    return text[start:end] + "\n"


def main() -> None:
    node = sys.argv[1] if len(sys.argv) > 1 else shutil.which("node")
    if node is None:
        raise SystemExit("node not found")
    node_licence = Path(sys.argv[2] if len(sys.argv) > 2 else "/usr/share/doc/nodejs/LICENSE")
    info = json.loads(
        subprocess.run([node, "-e", CJ_SET_JS], capture_output=True, check=True).stdout
    )
    trie = cjdict_trie(common_data_entry(Path(node).resolve().read_bytes(), b"/brkitr/cjdict.dict"))
    meta = {
        "source": f"ICU {info['icu']} (Unicode {info['unicode']}) brkitr/cjdict.dict as embedded "
        "in Node 20; converted by assets/pinyin-icu-data.py; licence: pinyin-icu-LICENSE.txt",
        "icu": info["icu"],
        "cj_ranges": info["ranges"],
    }
    head = json.dumps(meta, separators=(",", ":")).encode()
    out = OUT_DIR / f"pinyin-icu-{info['icu']}.bin.gz"
    payload = struct.pack("<I", len(head)) + head + trie
    out.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    (OUT_DIR / "pinyin-icu-LICENSE.txt").write_text(icu_licence(node_licence), "utf-8")
    sys.stdout.write(f"{out}: trie {len(trie)} bytes, {len(info['ranges'])} ranges\n")


if __name__ == "__main__":
    main()
