from sskit.writers.markdown import write_markdown


def test_markdown_is_utf8_with_one_trailing_newline():
    assert write_markdown("# 标题\n\n正文") == "# 标题\n\n正文\n".encode("utf-8")
    assert write_markdown("正文\n\n\n") == "正文\n".encode("utf-8")
    assert write_markdown("a\r\nb\r") == b"a\nb\n"
