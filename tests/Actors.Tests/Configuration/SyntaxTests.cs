using System.Text.Json;
using ActorShutdown.Configuration;
using static ActorShutdown.Tests.Configuration.ConfigTestHelpers;

namespace ActorShutdown.Tests.Configuration;

public class SyntaxTests
{
    [Fact]
    public void Objects_arrays_and_scalars()
    {
        var config = Load("""
            a { b { c = 1 } }
            list = [1, "two", true, null, {x = 3}, [4]]
            """);
        JsonTree.AssertEqual("""{"a":{"b":{"c":1}},"list":[1,"two",true,null,{"x":3},[4]]}""", config);
    }

    [Theory]
    [InlineData("a = 1")]
    [InlineData("a : 1")]
    [InlineData("a=1")]
    [InlineData("{ a = 1 }")]
    [InlineData("\"a\" = 1")]
    [InlineData("a = 1,")]
    [InlineData("{ a = 1, }")]
    [InlineData("# comment\na = 1 # trailing")]
    [InlineData("// comment\na = 1 // trailing")]
    [InlineData("\n\n  a = 1  \n\n")]
    public void Separators_comments_braces_and_commas(string hocon) =>
        JsonTree.AssertEqual("""{"a":1}""", Load(hocon));

    [Fact]
    public void Separator_may_be_omitted_before_a_brace() =>
        JsonTree.AssertEqual("""{"a":{"b":1}}""", Load("a { b = 1 }"));

    [Fact]
    public void Path_keys_expand_to_nested_objects_and_quoted_segments_do_not_split()
    {
        var config = Load("""
            a.b.c = 1
            a."b.c" = 2
            "x.y" = 3
            a.b.d = 4
            """);
        JsonTree.AssertEqual("""{"a":{"b":{"c":1,"d":4},"b.c":2},"x.y":3}""", config);
        Assert.Equal(2, config.GetInt("a.\"b.c\""));
        Assert.Equal(3, config.GetInt("\"x.y\""));
    }

    [Fact]
    public void Keys_keep_inner_whitespace_and_are_always_strings() =>
        JsonTree.AssertEqual("""{"a b c":1,"true":2,"3":{"14":3},"":4}""", Load("a b c = 1\ntrue = 2\n3.14 = 3\n\"\" = 4"));

    [Fact]
    public void Newlines_separate_fields_and_elements_without_commas() =>
        JsonTree.AssertEqual("""{"a":1,"b":[1,2,3],"c":2}""", Load("a = 1\nb = [\n1\n2\n3\n]\nc = 2"));

    [Fact]
    public void Quoted_strings_decode_json_escapes() =>
        Assert.Equal("q\" b\\ s/ \b\f\n\r\t é \u263A", Load("""a = "q\" b\\ s\/ \b\f\n\r\t \u00e9 \u263A" """).GetString("a"));

    [Fact]
    public void Comment_characters_inside_quotes_are_text() =>
        Assert.Equal("# not // a comment", Load("a = \"# not // a comment\"").GetString("a"));

    [Fact]
    public void Triple_quoted_strings_are_raw_and_may_span_lines()
    {
        var config = Load("a = \"\"\"line one\n  \"quoted\" \\n raw\"\"\"\nb = \"\"\"x\"\"\"\"");
        Assert.Equal("line one\n  \"quoted\" \\n raw", config.GetString("a"));
        Assert.Equal("x\"", config.GetString("b"));
    }

    [Fact]
    public void Unquoted_text_and_simple_values_concatenate_keeping_inner_whitespace()
    {
        var config = Load("a = foo   bar  \"baz\"  42 true  \nb = 10 seconds\nc = 1.5.3");
        Assert.Equal("foo   bar  baz  42 true", config.GetString("a"));
        Assert.Equal("10 seconds", config.GetString("b"));
        Assert.Equal("1.5.3", config.GetString("c"));
    }

    [Fact]
    public void A_lone_value_keeps_its_type() =>
        JsonTree.AssertEqual("""{"n":-1.5e3,"t":true,"z":null,"s":"true","u":"on"}""", Load("n = -1.5e3\nt = true\nz = null\ns = \"true\"\nu = on"));

    [Fact]
    public void Numbers_keep_their_written_form()
    {
        var config = Load("a = 1.0\nb = 1e+5\nc = 007");
        Assert.Equal("1.0", config.GetString("a"));
        Assert.Equal("1e+5", config.GetString("b"));
        Assert.Equal(100000, config.GetDouble("b"));
        Assert.Equal(7, config.GetInt("c"));
    }

    [Fact]
    public void Arrays_concatenate() =>
        JsonTree.AssertEqual("""{"a":[1,2,3,4]}""", Load("a = [1, 2] [3] [] [4]"));

    [Fact]
    public void Objects_concatenate_by_merging() =>
        JsonTree.AssertEqual("""{"a":{"x":1,"y":3,"z":4}}""", Load("a = {x = 1, y = 2} {y = 3} {z = 4}"));

    [Fact]
    public void Duplicate_keys_merge_objects_and_replace_other_values()
    {
        var config = Load("""
            a { x = 1, nested { p = 1 } }
            a { y = 2, nested { q = 2 } }
            b = 1
            b = 2
            c { x = 1 }
            c = null
            c { y = 2 }
            d = 5
            d { z = 1 }
            """);
        JsonTree.AssertEqual("""{"a":{"x":1,"y":2,"nested":{"p":1,"q":2}},"b":2,"c":{"y":2},"d":{"z":1}}""", config);
    }

    [Fact]
    public void Empty_document_is_an_empty_object() =>
        JsonTree.AssertEqual("{}", Load("  # nothing\n"));

    [Fact]
    public void Include_is_an_ordinary_word_outside_a_key_start() =>
        JsonTree.AssertEqual("""{"a":"include","b":["include"],"foo include":1,"include":{"x":1}}""",
            Load("a = include\nb = [include]\nfoo include = 1\n\"include\" { x = 1 }"));

    [Fact]
    public void ToString_renders_the_resolved_tree_as_json()
    {
        var text = Load("a { b = [1, \"x\\n\"], c = ${a.b} }\nn = null").ToString();
        using var json = JsonDocument.Parse(text);
        Assert.Equal("x\n", json.RootElement.GetProperty("a").GetProperty("c")[1].GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("n").ValueKind);
    }

    [Fact]
    public void ToString_of_an_unresolvable_config_says_why() =>
        Assert.Contains("could not resolve", ConfigurationFactory.ParseString("a = ${nowhere.at.all}").ToString(), StringComparison.Ordinal);

    [Fact]
    public void WithFallback_merges_deeply_and_the_receiver_wins()
    {
        var app = ConfigurationFactory.ParseString("a { x = 1 }\nb = 2");
        var fallback = ConfigurationFactory.ParseString("a { x = 0, y = 9 }\nb { deep = 1 }\nc = 3");
        JsonTree.AssertEqual("""{"a":{"x":1,"y":9},"b":2,"c":3}""", app.WithFallback(fallback));
        JsonTree.AssertEqual("""{"a":{"x":0,"y":9},"b":{"deep":1},"c":3}""", fallback.WithFallback(Config.Empty));
        JsonTree.AssertEqual("{}", Config.Empty.WithFallback(Config.Empty));
    }

    [Fact]
    public void A_sub_config_can_take_a_fallback()
    {
        var sub = Load("a { x = 1 }").GetConfig("a");
        Assert.Equal(2, sub.WithFallback(ConfigurationFactory.ParseString("y = 2")).GetInt("y"));
    }
}
