namespace Pinn.Host.Export.Vtk;

/// <summary>
/// A VTK XML unstructured grid (.vtu) of N points, each its own vertex cell: the nodes of a reference solution
/// with one value per node in each point array. Points are given as [N, 3] row-major (pad unused coordinates with 0).
/// </summary>
internal static class VtkPointCloudFile
{
    /// <summary>VTK_VERTEX.</summary>
    private const int Vertex = 1;

    public static void Write(TextWriter w, double[] points, IReadOnlyList<VtkArray> pointArrays, string? comment)
    {
        if (points.Length % 3 != 0) throw new ArgumentException("points must be [N, 3]");
        var n = points.Length / 3;
        foreach (var a in pointArrays)
            if (a.Values.Length != n) throw new ArgumentException($"point array {a.Name} has {a.Values.Length} values for {n} points");
        VtkXml.Begin(w, "UnstructuredGrid", comment);
        w.WriteLine("  <UnstructuredGrid>");
        w.WriteLine($"    <Piece NumberOfPoints=\"{n}\" NumberOfCells=\"{n}\">");
        w.WriteLine($"      <PointData{(pointArrays.Count > 0 ? $" Scalars=\"{VtkXml.Escape(pointArrays[0].Name)}\"" : "")}>");
        foreach (var a in pointArrays) VtkXml.DataArray(w, a, "        ");
        w.WriteLine("      </PointData>");
        w.WriteLine("      <Points>");
        VtkXml.Numbers(w, "Float64", null, 3, points, "        ");
        w.WriteLine("      </Points>");
        w.WriteLine("      <Cells>");
        var indices = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        VtkXml.Numbers(w, "Int64", "connectivity", 1, indices, "        ", whole: true);
        VtkXml.Numbers(w, "Int64", "offsets", 1, indices.Select(i => i + 1).ToArray(), "        ", whole: true);
        VtkXml.Numbers(w, "UInt8", "types", 1, Enumerable.Repeat((double)Vertex, n).ToArray(), "        ", whole: true);
        w.WriteLine("      </Cells>");
        w.WriteLine("    </Piece>");
        w.WriteLine("  </UnstructuredGrid>");
        VtkXml.End(w);
    }
}
