using ActorShutdown.Configuration;
using static ActorShutdown.Tests.Configuration.ConfigTestHelpers;

namespace ActorShutdown.Tests.Configuration;

public class ValueTests
{
    [Fact]
    public void Numbers_convert_to_the_requested_type()
    {
        var config = Load("i = 42\nneg = -7\nbig = 9000000000\nd = 2.5\nexp = 1e3\nquoted = \"12\"");
        Assert.Equal(42, config.GetInt("i"));
        Assert.Equal(-7, config.GetInt("neg"));
        Assert.Equal(9_000_000_000L, config.GetLong("big"));
        Assert.Equal(2.5, config.GetDouble("d"));
        Assert.Equal(1000, config.GetInt("exp"));
        Assert.Equal(12, config.GetInt("quoted"));
        Assert.Equal(42.0, config.GetDouble("i"));
    }

    [Fact]
    public void Integers_out_of_range_or_fractional_are_errors()
    {
        var config = Load("big = 9000000000\nfrac = 2.5\nword = many");
        var error = Fails(() => config.GetInt("big"), "'big'", "out of range for an int");
        Assert.Equal((1, 7), (error.Line, error.Column));
        Fails(() => config.GetInt("frac"), "'frac'", "expected a whole number", "the number 2.5");
        Fails(() => config.GetLong("word"), "'word'", "expected a whole number", "the string \"many\"");
        Fails(() => config.GetDouble("word"), "'word'", "expected a number");
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("on", true)]
    [InlineData("yes", true)]
    [InlineData("\"true\"", true)]
    [InlineData("false", false)]
    [InlineData("off", false)]
    [InlineData("no", false)]
    public void Booleans_accept_true_false_on_off_yes_no(string text, bool expected) =>
        Assert.Equal(expected, Load($"b = {text}").GetBoolean("b"));

    [Fact]
    public void Other_words_are_not_booleans() =>
        Fails(() => Load("b = maybe").GetBoolean("b"), "'b'", "expected a boolean (true/false, on/off or yes/no)", "\"maybe\"");

    [Fact]
    public void GetString_returns_the_text_of_simple_values_only()
    {
        var config = Load("n = 1.50\nb = false\no { x = 1 }\nl = [1]");
        Assert.Equal("1.50", config.GetString("n"));
        Assert.Equal("false", config.GetString("b"));
        var error = Fails(() => config.GetString("o"), "'o' has the wrong type: expected a string, found an object");
        Assert.Equal(("string", 3, 3), (error.SourceName, error.Line, error.Column));
        Fails(() => config.GetString("l"), "'l' has the wrong type: expected a string, found a list");
    }

    [Fact]
    public void String_lists_require_a_list_of_simple_values()
    {
        var config = Load("l = [a, 2, true]\ns = single\nmixed = [a, {x = 1}]\nnulls = [a, null]\nempty = []");
        Assert.Equal(["a", "2", "true"], config.GetStringList("l"));
        Assert.Empty(config.GetStringList("empty"));
        Fails(() => config.GetStringList("s"), "'s' has the wrong type: expected a list of strings, found the string \"single\"");
        var error = Fails(() => config.GetStringList("mixed"), "'mixed': element 1 is an object, expected a string");
        Assert.Equal((3, 13), (error.Line, error.Column));
        Fails(() => config.GetStringList("nulls"), "element 1 is null");
    }

    [Fact]
    public void Missing_and_null_paths()
    {
        var config = Load("a { b = 1, n = null }\ns = text");
        Assert.True(config.HasPath("a.b"));
        Assert.False(config.HasPath("a.c"));
        Assert.False(config.HasPath("a.n"));
        Assert.False(config.HasPath("s.x"));
        Fails(() => config.GetInt("actors.x.y"), "Missing configuration path 'actors.x.y'");
        Fails(() => config.GetInt("a.n"), "'a.n' is null, expected an int");
        Fails(() => config.GetInt("s.x"), "Missing configuration path 's.x': 's' is the string \"text\", not an object");
    }

    [Fact]
    public void Sub_configs_name_full_paths_in_errors()
    {
        var section = Load("actors { inner { n = x } }").GetConfig("actors").GetConfig("inner");
        Fails(() => section.GetInt("n"), "'actors.inner.n'");
        Fails(() => section.GetInt("missing"), "Missing configuration path 'actors.inner.missing'");
        Fails(() => Load("a = 1").GetConfig("a"), "'a' has the wrong type: expected an object, found the number 1");
    }

    [Fact]
    public void Api_paths_accept_quoted_keys_and_reject_malformed_ones()
    {
        var config = Load("\"a.b\" { \"c d\" = 1 }");
        Assert.Equal(1, config.GetInt("\"a.b\".\"c d\""));
        Fails(() => config.HasPath("a..b"), "Invalid configuration path 'a..b'", "empty path element");
        Fails(() => config.HasPath(".a"), "Invalid configuration path '.a'");
        Fails(() => config.HasPath("a{"), "Invalid configuration path 'a{'");
        Fails(() => config.HasPath(""), "Invalid configuration path ''");
    }

    [Theory]
    [InlineData("500ms", 500 * TimeSpan.TicksPerMillisecond)]
    [InlineData("500", 500 * TimeSpan.TicksPerMillisecond)]
    [InlineData("\"250\"", 250 * TimeSpan.TicksPerMillisecond)]
    [InlineData("5s", 5 * TimeSpan.TicksPerSecond)]
    [InlineData("5 seconds", 5 * TimeSpan.TicksPerSecond)]
    [InlineData("1 second", TimeSpan.TicksPerSecond)]
    [InlineData("1.5s", 15 * TimeSpan.TicksPerSecond / 10)]
    [InlineData("2 minutes", 2 * TimeSpan.TicksPerMinute)]
    [InlineData("3m", 3 * TimeSpan.TicksPerMinute)]
    [InlineData("1h", TimeSpan.TicksPerHour)]
    [InlineData("2 hours", 2 * TimeSpan.TicksPerHour)]
    [InlineData("1d", TimeSpan.TicksPerDay)]
    [InlineData("3 days", 3 * TimeSpan.TicksPerDay)]
    [InlineData("10us", 10 * TimeSpan.TicksPerMicrosecond)]
    [InlineData("10 micros", 10 * TimeSpan.TicksPerMicrosecond)]
    [InlineData("7 millis", 7 * TimeSpan.TicksPerMillisecond)]
    [InlineData("1500ns", 15)]
    [InlineData("100 nanoseconds", 1)]
    [InlineData("0s", 0)]
    public void Durations(string text, long ticks) =>
        Assert.Equal(TimeSpan.FromTicks(ticks), Load($"t = {text}").GetTimeSpan("t"));

    [Fact]
    public void Infinite_duration() =>
        Assert.Equal(Timeout.InfiniteTimeSpan, Load("t = infinite").GetTimeSpan("t"));

    [Theory]
    [InlineData("5 sekunds", "unknown unit 'sekunds' in the duration '5 sekunds'; valid units are ns, us, ms, s, m, h, d")]
    [InlineData("5S", "unknown unit 'S'")]
    [InlineData("seconds", "is not a duration: expected a number")]
    [InlineData("x5s", "'x5' is not a number")]
    [InlineData("true", "expected a duration, found the boolean true")]
    [InlineData("99999999999999999 days", "out of range")]
    public void Bad_durations_name_the_path_and_the_problem(string text, string fragment)
    {
        var error = Fails(() => Load($"a.t = {text}").GetTimeSpan("a.t"), "'a.t'", fragment);
        Assert.Equal(("string", 1, 7), (error.SourceName, error.Line, error.Column));
    }

    [Fact]
    public void A_duration_that_is_an_object_is_a_type_error() =>
        Fails(() => Load("t { x = 1 }").GetTimeSpan("t"), "'t' has the wrong type: expected a duration, found an object");

    [Theory]
    [InlineData("512", 512L)]
    [InlineData("10b", 10L)]
    [InlineData("10 bytes", 10L)]
    [InlineData("10k", 10 * 1024L)]
    [InlineData("10K", 10 * 1024L)]
    [InlineData("10KiB", 10 * 1024L)]
    [InlineData("10kB", 10 * 1000L)]
    [InlineData("10 kilobytes", 10 * 1000L)]
    [InlineData("5MB", 5 * 1000L * 1000)]
    [InlineData("5 MiB", 5 * 1024L * 1024)]
    [InlineData("1G", 1024L * 1024 * 1024)]
    [InlineData("1.5 gibibytes", 3 * 512L * 1024 * 1024)]
    [InlineData("2TB", 2_000_000_000_000L)]
    [InlineData("1E", 1L << 60)]
    public void Byte_sizes(string text, long bytes) =>
        Assert.Equal(bytes, Load($"s = {text}").GetByteSize("s"));

    [Theory]
    [InlineData("10 kb", "unknown unit 'kb'")]
    [InlineData("8E", "out of range")]
    [InlineData("many", "is not a size in bytes")]
    public void Bad_byte_sizes(string text, string fragment) =>
        Fails(() => Load($"s = {text}").GetByteSize("s"), "'s'", fragment);
}
