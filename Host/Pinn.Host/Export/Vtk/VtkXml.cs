using System.Globalization;
using System.Security;
using System.Text;

namespace Pinn.Host.Export.Vtk;

/// <summary>The pieces the VTK XML writers share: the file envelope and ASCII data arrays (readable by VTK, ParaView and
/// meshio alike; values in round-trip form, so what is read back is exactly what was computed).</summary>
internal static class VtkXml
{
    public static void Begin(TextWriter w, string type, string? comment)
    {
        w.WriteLine("<?xml version=\"1.0\"?>");
        if (comment is not null) w.WriteLine($"<!-- {comment.Replace("--", "- -")} -->");
        w.WriteLine($"<VTKFile type=\"{type}\" version=\"1.0\" byte_order=\"LittleEndian\" header_type=\"UInt64\">");
    }

    public static void End(TextWriter w) => w.WriteLine("</VTKFile>");

    public static void DataArray(TextWriter w, VtkArray array, string indent)
        => Numbers(w, array.Flags ? "UInt8" : "Float64", Escape(array.Name), 1, array.Values, indent, array.Flags);

    public static void Numbers(TextWriter w, string type, string? name, int components, IReadOnlyList<double> values, string indent, bool whole = false)
    {
        w.Write($"{indent}<DataArray type=\"{type}\"");
        if (name is not null) w.Write($" Name=\"{name}\"");
        if (components > 1) w.Write($" NumberOfComponents=\"{components}\"");
        w.WriteLine(" format=\"ascii\">");
        var line = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            line.Append(whole ? ((long)values[i]).ToString(CultureInfo.InvariantCulture) : values[i].ToString("R", CultureInfo.InvariantCulture));
            if ((i + 1) % 6 == 0 || i == values.Count - 1)
            {
                w.Write(indent);
                w.Write("  ");
                w.WriteLine(line);
                line.Clear();
            }
            else line.Append(' ');
        }
        w.WriteLine($"{indent}</DataArray>");
    }

    public static string Escape(string text) => SecurityElement.Escape(text);

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
