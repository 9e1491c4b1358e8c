using ActorShutdown.Configuration;
using static ActorShutdown.Tests.Configuration.ConfigTestHelpers;

namespace ActorShutdown.Tests.Configuration;

/// <summary>Malformed documents: the exception type, its position, and a message that says what was expected.</summary>
public class ErrorMessageTests
{
    [Fact]
    public void Syntax_errors_are_raised_by_ParseString_itself() =>
        Assert.Throws<ConfigurationException>(() => ConfigurationFactory.ParseString("a = {"));

    [Fact]
    public void Missing_closing_brace_points_at_the_opening_brace() =>
        FailsAt("a {\n  b = 1\n", 3, 1, "expected '}' to close the object opened at 1:3, found end of input");

    [Fact]
    public void Missing_closing_bracket_points_at_the_opening_bracket()
    {
        FailsAt("a = [1, 2\n", 2, 1, "expected ']' to close the list opened at 1:5, found end of input");
        FailsAt("a = [1, 2\nb = 3", 2, 3, "expected ',', a newline or ']' after a list element (the list opened at 1:5), found '='");
        FailsAt("a = [1, 2}", 1, 10, "(the list opened at 1:5), found '}'");
    }

    [Fact]
    public void Equals_without_a_value()
    {
        FailsAt("a =\n", 2, 1, "expected a value for 'a' after '=' at 1:3, found end of input");
        FailsAt("x { a = }", 1, 9, "expected a value for 'x.a' after '=' at 1:7, found '}'");
        FailsAt("a = ,", 1, 5, "expected a value for 'a' after '=' at 1:3, found ','");
        FailsAt("a =\nb = 2", 2, 3, "after the value of 'a', found '='", "is a value missing after '=' at 1:3?");
    }

    [Fact]
    public void Key_without_separator() =>
        FailsAt("a\n", 2, 1, "expected ':', '=' or '{' after the key 'a', found end of input");

    [Fact]
    public void Two_fields_on_one_line_without_a_comma() =>
        FailsAt("a = 1 b = 2", 1, 9, "expected ',', a newline or '}' after the value of 'a', found '='");

    [Fact]
    public void Unterminated_strings_point_at_their_start()
    {
        FailsAt("a = \"abc\nb = 1", 1, 5, "unterminated quoted string", "before the end of the line");
        FailsAt("a = \"abc", 1, 5, "unterminated quoted string", "before the end of the input");
        FailsAt("a = 1\nb = \"\"\"abc\n", 2, 5, "unterminated triple-quoted string");
        FailsAt("a = ${b", 1, 5, "unterminated substitution: expected '}'");
    }

    [Fact]
    public void Bad_escapes()
    {
        FailsAt("a = \"x\\q\"", 1, 7, "invalid escape '\\q'", "valid escapes are");
        FailsAt("a = \"\\u12\"", 1, 6, "expected four hex digits after \\u");
    }

    [Fact]
    public void Forbidden_characters()
    {
        FailsAt("a = b@c", 1, 6, "the character '@' is not allowed in unquoted text; put the text in quotes");
        FailsAt("a = $x", 1, 5, "'$' must be followed by '{'");
        FailsAt("a = x+2", 1, 6, "'+' must be followed by '='");
        FailsAt("a = ${}", 1, 5, "empty substitution");
    }

    [Fact]
    public void Misplaced_commas()
    {
        FailsAt("a = 1,,b = 2", 1, 7, "expected a key, found ','");
        FailsAt("a = [,1]", 1, 6, "expected a list element or ']'");
        FailsAt("a = [1,,2]", 1, 8, "expected a list element or ']'");
        FailsAt("{,a = 1}", 1, 2, "expected a key, found ','");
    }

    [Fact]
    public void Unbalanced_or_misplaced_root()
    {
        FailsAt("a = 1\n}", 2, 1, "unexpected '}' with no matching '{'");
        FailsAt("[1, 2]", 1, 1, "the root of a configuration must be an object");
        FailsAt("{a = 1} b", 1, 9, "expected the end of the input after the root object's closing '}'");
    }

    [Fact]
    public void Empty_path_elements()
    {
        FailsAt("a..b = 1", 1, 1, "empty path element in 'a..b'");
        FailsAt("a. = 1", 1, 1, "empty path element");
        FailsAt("x = ${a.}", 1, 7, "empty path element");
    }

    [Fact]
    public void Concatenating_different_kinds()
    {
        FailsAt("a = [1] x", 1, 9, "cannot concatenate a simple value (the string \"x\") with a list");
        FailsAt("a = {x = 1} [2]", 1, 13, "cannot concatenate a list with an object");
        FailsAt("o { x = 1 }\na = ${o} text", 2, 10, "cannot concatenate a simple value");
    }

    [Fact]
    public void Deep_nesting_is_refused_with_the_limit()
    {
        FailsAt("a = " + new string('[', 1000), 1, 5 + 512, "nest more than 512 levels deep");
        FailsAt("a = " + string.Concat(Enumerable.Repeat("{b = ", 1000)), 1, 5 + 512 * 5, "nest more than 512 levels deep");
    }

    [Fact]
    public void Errors_in_files_name_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"actorshutdown-{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, "ok = 1\nbad = \"unterminated\n");
        try
        {
            var error = Fails(() => ConfigurationFactory.ParseFile(path), "unterminated quoted string");
            Assert.Equal((path, 2, 7), (error.SourceName, error.Line, error.Column));
            Assert.StartsWith($"{path}:2:7: ", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
