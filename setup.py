"""Build the QuickJS engine extension: our thin binding plus the vendored quickjs-ng sources."""

from setuptools import Extension, setup

QJS = "vendor/quickjs-ng"

setup(
    ext_modules=[
        Extension(
            "flowgate.codeblock.engine._quickjs",
            sources=[
                "src/flowgate/codeblock/engine/_quickjs.c",
                "src/flowgate/codeblock/engine/bridge.c",
                "src/flowgate/codeblock/engine/preload.c",
                f"{QJS}/quickjs.c",
                f"{QJS}/libregexp.c",
                f"{QJS}/libunicode.c",
                f"{QJS}/dtoa.c",
            ],
            include_dirs=[QJS],
            define_macros=[("_GNU_SOURCE", None)],
            extra_compile_args=["-O2", "-std=gnu11", "-Wno-sign-compare", "-Wno-unused-parameter"],
        )
    ]
)
