using ActorShutdown.Configuration;
using static ActorShutdown.Tests.Configuration.ConfigTestHelpers;

namespace ActorShutdown.Tests.Configuration;

public sealed class IncludeTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("actorshutdown-hocon-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string relativePath, string text)
    {
        var path = Path.Combine(dir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static Config LoadFile(string path)
    {
        var config = ConfigurationFactory.ParseFile(path);
        _ = config.Root;
        return config;
    }

    [Fact]
    public void Includes_are_relative_to_the_including_file_and_merge_in_place()
    {
        Write("sub/inner.conf", "x = inner\ny = inner\ninclude \"deeper/most.conf\"");
        Write("sub/deeper/most.conf", "z = most");
        var main = Write("main.conf", "x = before\nobj {\n  include \"sub/inner.conf\"\n  y = after\n}\ninclude file(\"sub/inner.conf\")\n");
        JsonTree.AssertEqual("""{"x":"inner","y":"inner","z":"most","obj":{"x":"inner","y":"after","z":"most"}}""", LoadFile(main));
    }

    [Fact]
    public void Required_and_file_forms_are_accepted()
    {
        Write("a.conf", "a = 1");
        var main = Write("main.conf", "include required(\"a.conf\")\nx { include required( file( \"a.conf\" ) ) }");
        JsonTree.AssertEqual("""{"a":1,"x":{"a":1}}""", LoadFile(main));
    }

    [Fact]
    public void A_name_without_extension_merges_conf_over_json_over_properties()
    {
        Write("both.properties", "p = from-properties\nshared = properties\nobj.deep = 1");
        Write("both.json", """{ "j": "from-json", "shared": "json" }""");
        Write("both.conf", "c = from-conf\nshared = conf");
        var main = Write("main.conf", "include \"both\"");
        JsonTree.AssertEqual("""{"p":"from-properties","j":"from-json","c":"from-conf","shared":"conf","obj":{"deep":"1"}}""", LoadFile(main));
    }

    [Fact]
    public void Properties_files_split_keys_into_paths_and_objects_win()
    {
        var path = Write("app.properties", """
            # comment
            ! also a comment
            a.b = 1
            a = shadowed by the object
            c : with colon
            d with space
            e = line \
                continued
            f = tab\there \u00e9
            """);
        JsonTree.AssertEqual("""{"a":{"b":"1"},"c":"with colon","d":"with space","e":"line continued","f":"tab\there é"}""", LoadFile(path));
    }

    [Fact]
    public void Substitutions_in_an_included_file_are_relative_to_the_include()
    {
        Write("part.conf", "x = 10\ny = ${x}\nfromRoot = ${top}");
        var main = Write("main.conf", "top = root-level\na { include \"part.conf\" }\na { x = 42 }");
        JsonTree.AssertEqual("""{"top":"root-level","a":{"x":42,"y":42,"fromRoot":"root-level"}}""", LoadFile(main));
    }

    [Fact]
    public void Include_in_a_string_is_relative_to_the_current_directory()
    {
        var file = Write("cwd.conf", "from-cwd = yes");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, file);
        Assert.True(Load($"include \"{relative.Replace("\\", "\\\\", StringComparison.Ordinal)}\"").GetBoolean("from-cwd"));
    }

    [Fact]
    public void A_missing_include_is_an_error_naming_it()
    {
        var main = Write("main.conf", "a = 1\n  include \"nope.conf\"");
        var error = Fails(() => LoadFile(main), "included file 'nope.conf' not found", Path.Combine(dir, "nope.conf"));
        Assert.Equal((main, 2, 3), (error.SourceName, error.Line, error.Column));

        Fails(() => LoadFile(Write("other.conf", "include \"nothing\"")), "'nothing' not found", "nothing.conf", "nothing.json", "nothing.properties");
    }

    [Fact]
    public void Include_cycles_are_errors()
    {
        Write("a.conf", "include \"b.conf\"");
        Write("b.conf", "x { include \"a.conf\" }");
        Fails(() => LoadFile(Path.Combine(dir, "a.conf")), "include cycle", "a.conf includes", "b.conf includes");
    }

    [Fact]
    public void The_same_file_included_many_times_is_parsed_once_per_location()
    {
        // 40 levels of files each including the next twice would be 2^40 parses without the cache.
        for (var i = 0; i < 40; i++) Write($"f{i}.conf", $"include \"f{i + 1}.conf\"\ninclude \"f{i + 1}.conf\"\nv{i} = {i}");
        Write("f40.conf", "end = true");
        Assert.True(LoadFile(Path.Combine(dir, "f0.conf")).GetBoolean("end"));
    }

    [Fact]
    public void Errors_in_an_included_file_name_that_file()
    {
        var broken = Write("broken.conf", "a = {\n");
        var main = Write("main.conf", "include \"broken.conf\"");
        var error = Fails(() => LoadFile(main), "expected '}' to close the object opened at 1:5");
        Assert.Equal((broken, 2, 1), (error.SourceName, error.Line, error.Column));
    }

    [Fact]
    public void Url_and_classpath_includes_are_rejected() =>
        FailsAt("include url(\"http://example.com/a.conf\")", 1, 13, "not supported");

    [Fact]
    public void Include_must_name_a_quoted_file() =>
        FailsAt("include other.conf", 1, 19, "expected a quoted file name");

    [Fact]
    public void ParseFile_of_a_missing_file_names_it() =>
        Fails(() => ConfigurationFactory.ParseFile(Path.Combine(dir, "absent.conf")), "absent.conf", "not found");

    [Fact]
    public void An_included_file_must_hold_an_object()
    {
        Write("list.json", "[1, 2]");
        Fails(() => LoadFile(Write("main.conf", "include \"list.json\"")), "root of a configuration must be an object");
    }
}
