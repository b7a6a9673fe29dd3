import pytest

from vobridge import NoCredentials, discover_bearer_token


def test_env_variable_wins_and_is_stripped(tmp_path):
    f = tmp_path / "tok"
    f.write_text("from-file")
    assert discover_bearer_token({"BEARER_TOKEN": "  abc \n", "BEARER_TOKEN_FILE": str(f)}, uid=4242) == "abc"


def test_file_variable_then_runtime_dir(tmp_path):
    f = tmp_path / "tok"
    f.write_text("\nfile-token\n")
    assert discover_bearer_token({"BEARER_TOKEN_FILE": str(f)}, uid=4242) == "file-token"
    (tmp_path / "bt_u4242").write_text("runtime-token")
    assert discover_bearer_token({"XDG_RUNTIME_DIR": str(tmp_path)}, uid=4242) == "runtime-token"


def test_empty_sources_are_skipped(tmp_path):
    empty = tmp_path / "empty"
    empty.write_text("   \n")
    (tmp_path / "bt_u4242").write_text("next")
    env = {"BEARER_TOKEN": "", "BEARER_TOKEN_FILE": str(empty), "XDG_RUNTIME_DIR": str(tmp_path)}
    assert discover_bearer_token(env, uid=4242) == "next"


def test_nothing_found_names_every_place_but_no_value(tmp_path):
    with pytest.raises(NoCredentials) as err:
        discover_bearer_token({"XDG_RUNTIME_DIR": str(tmp_path)}, uid=987654)
    message = str(err.value)
    assert "BEARER_TOKEN" in message and "bt_u987654" in message and "vobridge login" in message
