namespace Pinn.Host.Export.Vtk;

/// <summary>
/// A VTK XML image data file (.vti): a regular grid of dims[0] × dims[1] × dims[2] points (x fastest) from
/// <c>origin</c> with <c>spacing</c>, point arrays of one value per point and cell arrays of one value per cell.
/// A cell array named <c>vtkGhostType</c> with value 32 (HIDDENCELL) blanks a cell in ParaView.
/// </summary>
internal static class VtkImageFile
{
    /// <summary>vtkDataSetAttributes::HIDDENCELL.</summary>
    public const byte HiddenCell = 32;

    public static void Write(TextWriter w, double[] origin, double[] spacing, int[] dims, IReadOnlyList<VtkArray> pointArrays,
                             IReadOnlyList<VtkArray> cellArrays, string? comment)
    {
        var points = dims[0] * dims[1] * dims[2];
        var cells = Math.Max(dims[0] - 1, 1) * Math.Max(dims[1] - 1, 1) * Math.Max(dims[2] - 1, 1);
        foreach (var a in pointArrays)
            if (a.Values.Length != points) throw new ArgumentException($"point array {a.Name} has {a.Values.Length} values for {points} points");
        foreach (var a in cellArrays)
            if (a.Values.Length != cells) throw new ArgumentException($"cell array {a.Name} has {a.Values.Length} values for {cells} cells");
        var extent = $"0 {dims[0] - 1} 0 {dims[1] - 1} 0 {dims[2] - 1}";
        VtkXml.Begin(w, "ImageData", comment);
        w.WriteLine($"  <ImageData WholeExtent=\"{extent}\" Origin=\"{string.Join(" ", origin.Select(VtkXml.Format))}\" Spacing=\"{string.Join(" ", spacing.Select(VtkXml.Format))}\">");
        w.WriteLine($"    <Piece Extent=\"{extent}\">");
        w.WriteLine($"      <PointData{(pointArrays.Count > 0 ? $" Scalars=\"{VtkXml.Escape(pointArrays[0].Name)}\"" : "")}>");
        foreach (var a in pointArrays) VtkXml.DataArray(w, a, "        ");
        w.WriteLine("      </PointData>");
        w.WriteLine("      <CellData>");
        foreach (var a in cellArrays) VtkXml.DataArray(w, a, "        ");
        w.WriteLine("      </CellData>");
        w.WriteLine("    </Piece>");
        w.WriteLine("  </ImageData>");
        VtkXml.End(w);
    }
}
