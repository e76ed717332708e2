"""A fake of the tritonclient package for tests: no network, calls are logged and answered in-process.

tritonclient.grpc.InferenceServerClient runs the generated model.py files of a model repository
under the triton_python_backend_utils double, so a script that passes against this fake has
really driven the model code. Configuration, by environment variable:
  FAKE_TRITON_CONFIGS     JSON file: model name -> model config as Triton passes it to initialize
  FAKE_TRITON_REPOSITORY  the model repository folder (model.py is <repo>/<model>/1/model.py)
  FAKE_TRITON_LOG         file that receives one JSON line per call, in order
"""
