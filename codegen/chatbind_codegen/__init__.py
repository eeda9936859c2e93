"""chatbind code generator: OpenAPI 3.1 spec (+ .proto) -> header-only C++.

Pipeline: load (loader.py) -> intermediate model (model.py) -> render (render.py).
"""
