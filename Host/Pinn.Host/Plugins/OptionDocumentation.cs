using System.Xml.Linq;

namespace Pinn.Host.Plugins;

/// <summary>
/// The documentation of an options record's members, from the XML documentation file the compiler writes beside the
/// plugin's assembly (<c>&lt;GenerateDocumentationFile&gt;</c>): a property's <c>&lt;summary&gt;</c>, or for a
/// positional record the type's <c>&lt;param&gt;</c> of that name. Absent file or member: no text.
/// </summary>
internal static class OptionDocumentation
{
    /// <summary>The text for each member name (C# spelling) of <paramref name="optionsType"/>.</summary>
    public static IReadOnlyDictionary<string, string> Of(Type optionsType)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var location = optionsType.Assembly.Location;
        if (string.IsNullOrEmpty(location)) return result;
        var file = Path.ChangeExtension(location, ".xml");
        if (!File.Exists(file)) return result;
        XDocument document;
        try
        {
            document = XDocument.Load(file);
        }
        catch (Exception e) when (e is System.Xml.XmlException or IOException or UnauthorizedAccessException)
        {
            return result;
        }
        var typeName = optionsType.FullName!.Replace('+', '.');
        foreach (var member in document.Descendants("member"))
        {
            var name = (string?)member.Attribute("name") ?? "";
            if (name == "T:" + typeName)
                foreach (var param in member.Elements("param"))
                    if ((string?)param.Attribute("name") is { } p) result.TryAdd(p, Text(param));
            if (name.StartsWith("P:" + typeName + ".", StringComparison.Ordinal) && member.Element("summary") is { } summary)
                result[name[(typeName.Length + 3)..]] = Text(summary);
        }
        return result;
    }

    /// <summary>The element's text on one line: <c>&lt;see cref="X"/&gt;</c> and <c>&lt;c&gt;</c> become their names.</summary>
    private static string Text(XElement element)
    {
        var parts = element.Nodes().Select(n => n switch
        {
            XText t => t.Value,
            XElement { Name.LocalName: "see" or "seealso" } e => ((string?)e.Attribute("cref") ?? (string?)e.Attribute("langword") ?? e.Value).Split(':', '.').Last(),
            XElement { Name.LocalName: "paramref" or "typeparamref" } e => (string?)e.Attribute("name") ?? "",
            XElement e => e.Value,
            _ => "",
        });
        return string.Join(" ", string.Concat(parts).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
