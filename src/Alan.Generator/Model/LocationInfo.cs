using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Alan.Generator.Model
{
    /// <summary>A source location without syntax trees, so it can live in an equatable pipeline model.</summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public static readonly LocationInfo None = new LocationInfo("", default, default);

        public Location ToLocation() =>
            FilePath.Length == 0 ? Location.None : Location.Create(FilePath, Span, LineSpan);

        public static LocationInfo From(Location? location)
        {
            if (location is null || location.SourceTree is null) return None;
            return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
        }

        public static LocationInfo From(ISymbol? symbol)
        {
            if (symbol is null) return None;
            foreach (var loc in symbol.Locations)
                if (loc.IsInSource) return From(loc);
            return None;
        }
    }
}
