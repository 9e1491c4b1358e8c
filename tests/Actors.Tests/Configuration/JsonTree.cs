using System.Globalization;
using System.Text.Json;
using ActorShutdown.Configuration;

namespace ActorShutdown.Tests.Configuration;

/// <summary>Compares a resolved configuration tree with JSON: objects by key, numbers by value.</summary>
internal static class JsonTree
{
    /// <summary>Null when equal, else where and how they differ.</summary>
    public static string? Difference(ConfigNode actual, JsonElement expected, string path = "(root)")
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                if (actual is not ObjectNode obj) return $"{path}: expected an object, found {actual.Describe()}";
                var expectedKeys = expected.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                var extra = obj.Fields.Keys.Where(k => !expectedKeys.Contains(k)).ToList();
                if (extra.Count > 0) return $"{path}: unexpected keys {string.Join(", ", extra)}";
                foreach (var property in expected.EnumerateObject())
                {
                    if (!obj.TryGet(property.Name, out var child)) return $"{path}: missing key '{property.Name}'";
                    if (Difference(child, property.Value, $"{path}.{property.Name}") is { } d) return d;
                }
                return null;
            case JsonValueKind.Array:
                if (actual is not ArrayNode list) return $"{path}: expected a list, found {actual.Describe()}";
                var items = expected.EnumerateArray().ToList();
                if (items.Count != list.Items.Length) return $"{path}: expected {items.Count} elements, found {list.Items.Length}";
                for (var i = 0; i < items.Count; i++)
                {
                    if (Difference(list.Items[i], items[i], $"{path}[{i}]") is { } d) return d;
                }
                return null;
            case JsonValueKind.String:
                return actual is ScalarNode { Kind: ScalarKind.String } s && s.Text == expected.GetString()
                    ? null : $"{path}: expected the string \"{expected.GetString()}\", found {actual.Describe()}";
            case JsonValueKind.Number:
                return actual is ScalarNode { Kind: ScalarKind.Number } n &&
                       double.Parse(n.Text, CultureInfo.InvariantCulture) == expected.GetDouble()
                    ? null : $"{path}: expected the number {expected.GetRawText()}, found {actual.Describe()}";
            case JsonValueKind.True or JsonValueKind.False:
                return actual is ScalarNode { Kind: ScalarKind.Boolean } b && b.Text == (expected.ValueKind == JsonValueKind.True ? "true" : "false")
                    ? null : $"{path}: expected {expected.GetRawText()}, found {actual.Describe()}";
            default:
                return actual is ScalarNode { Kind: ScalarKind.Null } ? null : $"{path}: expected null, found {actual.Describe()}";
        }
    }

    public static void AssertEqual(string expectedJson, Config actual)
    {
        using var document = JsonDocument.Parse(expectedJson);
        var difference = Difference(actual.Root, document.RootElement);
        Assert.True(difference is null, $"{difference}\nactual:\n{actual}");
    }
}
