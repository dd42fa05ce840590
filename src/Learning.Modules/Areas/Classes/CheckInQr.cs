using System.Globalization;
using System.Text;
using QRCoder;

namespace Learning.Classes;

/// <summary>
/// The QR code on the trainer's screen as inline SVG (QRCoder's module matrix, one path of unit squares): no image file,
/// nothing for the Content-Security-Policy to refuse, and sharp on a projector at any size.
/// </summary>
public static class CheckInQr
{
    public static string Svg(string payload, string label)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var size = data.ModuleMatrix.Count;
        var path = new StringBuilder();
        for (var row = 0; row < size; row++)
        for (var col = 0; col < size; col++)
            if (data.ModuleMatrix[row][col]) path.Append(CultureInfo.InvariantCulture, $"M{col} {row}h1v1h-1z");
        var encoded = System.Net.WebUtility.HtmlEncode(label);
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{encoded}\" shape-rendering=\"crispEdges\" class=\"check-in-qr\">"
            + $"<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>";
    }
}
