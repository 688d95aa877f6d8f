"""Bilingual labels of the landscape reports: Vietnamese first, English second."""

from __future__ import annotations

__all__ = ["LABELS", "label"]

LABELS: dict[str, tuple[str, str]] = {
    "report": ("Bản đồ sáng chế", "Patent landscape"),
    "proposal": (
        "Chiến lược tra cứu là ĐỀ XUẤT, chưa được thẩm định viên Cục Sở hữu trí tuệ phê duyệt; "
        "không công bố kết quả trước khi được phê duyệt.",
        "The search strategy is a PROPOSAL not yet approved by IP Viet Nam's examiners; do not "
        "publish results before it is approved.",
    ),
    "summary": ("Tóm tắt", "Summary"),
    "families": ("Họ sáng chế", "Patent families"),
    "documents": ("Tài liệu", "Documents"),
    "corpus": ("Kho dữ liệu", "Corpus"),
    "latest_publication": ("Ngày công bố mới nhất", "Latest publication date"),
    "last_complete": (
        "Năm ưu tiên đầy đủ cuối cùng (độ trễ công bố 18 tháng)",
        "Last complete priority year (18-month publication lag)",
    ),
    "definition": ("Định nghĩa công nghệ", "Technology definition"),
    "method": ("Phương pháp", "Method"),
    "method_text": (
        "Đếm theo họ sáng chế đơn giản (cùng các quyền ưu tiên), theo năm ưu tiên sớm nhất (nộp "
        "đơn lần đầu) và năm công bố đầu tiên; các năm gần nhất chưa đầy đủ do độ trễ công bố 18 "
        "tháng. Nguồn gốc: quốc gia của tác giả, nếu không có thì của người nộp đơn, của cơ quan "
        "nộp đơn đầu tiên; mỗi quốc gia được đếm một lần cho mỗi họ.",
        "Counted by simple patent family (same priorities), by earliest priority (first filing) "
        "year and first publication year; the latest years are incomplete because of the "
        "18-month publication lag. Origin: inventor countries, else applicant countries, else "
        "the first-filing office; each country counted once per family.",
    ),
    "filings": ("Số họ sáng chế theo năm", "Filings over time"),
    "priority_year": ("Năm ưu tiên", "Priority year"),
    "publication_year": ("Năm công bố", "Publication year"),
    "incomplete": ("chưa đầy đủ", "incomplete"),
    "growth": ("Tốc độ tăng trưởng", "Growth"),
    "cagr": ("Tăng trưởng kép hằng năm (CAGR)", "Compound annual growth rate (CAGR)"),
    "top_applicants": ("Người nộp đơn hàng đầu", "Top applicants"),
    "applicant": ("Người nộp đơn", "Applicant"),
    "flows": ("Luồng nguồn gốc → cơ quan", "Origin → office flows"),
    "origin": ("Nguồn gốc", "Origin"),
    "office": ("Cơ quan", "Office"),
    "vn": ("Sáng chế tại Việt Nam", "Filings at IP Viet Nam"),
    "vn_text": (
        "Họ sáng chế có tài liệu tại Cục Sở hữu trí tuệ Việt Nam, theo quốc tịch người nộp đơn.",
        "Families with a document at IP Viet Nam, by the nationality of their applicants.",
    ),
    "rta": ("Lợi thế công nghệ biểu hiện (RTA)", "Revealed technological advantage (RTA)"),
    "rta_text": (
        "RTA = tỷ trọng của quốc gia trong nhóm ÷ tỷ trọng của quốc gia trong toàn kho; > 1 là "
        "chuyên môn hóa.",
        "RTA = the country's share of the group ÷ its share of the whole corpus; > 1 means "
        "specialised.",
    ),
    "ipc": ("Phân loại IPC trong nhóm", "IPC breakdown inside the group"),
    "fields": ("Lĩnh vực công nghệ WIPO", "WIPO fields of technology"),
    "products": ("Sản phẩm và họ sáng chế", "Products and their families"),
    "networks": ("Mạng lưới", "Networks"),
    "coapplicants": ("Mạng đồng nộp đơn", "Co-applicant network"),
    "citations": ("Mạng trích dẫn", "Citation network"),
    "edges": ("cạnh", "edges"),
    "strategy": ("Chiến lược tra cứu", "Search strategy"),
    "status": ("Trạng thái", "Status"),
    "changelog": ("Lịch sử thay đổi", "Change log"),
    "topics": ("Bản đồ chủ đề", "Topic map"),
    "topics_text": (
        "Mỗi điểm là một họ sáng chế, đặt theo nội dung tên và tóm tắt (vectơ nhúng → PCA → "
        "t-SNE): các họ gần nhau có nội dung gần nhau, còn khoảng cách và các trục không có ý "
        "nghĩa tuyệt đối. Các cụm (k-means trên vectơ nhúng) được đặt nhãn bằng các từ đặc "
        "trưng (c-TF-IDF), theo ngôn ngữ của tài liệu; đường đồng mức thể hiện mật độ họ sáng "
        "chế.",
        "Each point is a patent family, placed by the text of its title and abstract "
        "(embeddings → PCA → t-SNE): nearby families have similar content, but distances and "
        "axes have no absolute meaning. Clusters (k-means on the embeddings) are labelled with "
        "their distinctive terms (class-based TF-IDF), in the documents' language; contours "
        "show the density of families.",
    ),
    "clusters": ("Cụm", "Clusters"),
    "cluster": ("Cụm", "Cluster"),
    "share": ("Tỷ trọng", "Share"),
    "label_vi": ("Nhãn (từ tiếng Việt)", "Label (Vietnamese terms)"),
    "label_en": ("Nhãn (từ tiếng Anh)", "Label (English terms)"),
    "top_terms": ("Từ đặc trưng", "Top terms"),
    "top_ipc": ("Phân lớp IPC chính", "Top IPC subclasses"),
    "representative": ("Họ đại diện (gần tâm cụm)", "Representative family (nearest the centre)"),
    "years": ("Năm ưu tiên", "Priority years"),
    "note": ("Ghi chú", "Note"),
    "embedder": ("Mô hình vectơ nhúng", "Embedding model"),
    "topics_without_text": (
        "họ sáng chế không có tên hoặc tóm tắt nên không có trên bản đồ",
        "families without a title or abstract are not on the map",
    ),
    "topics_empty": ("Không có tài liệu: bản đồ trống.", "No documents: the map is empty."),
    "topics_one-family": ("Chỉ có một họ: đặt ở gốc tọa độ.", "One family: placed at the origin."),
    "topics_identical-texts": (
        "Không có hai văn bản khác nhau: một cụm, mọi họ ở gốc tọa độ.",
        "No two distinct texts: one cluster, every family at the origin.",
    ),
    "topics_pca-under-20": (
        "Dưới 20 họ: chiếu bằng PCA thay cho t-SNE.",
        "Fewer than 20 families: PCA projection instead of t-SNE.",
    ),
    "topics_one-cluster-under-10": (
        "Dưới 10 họ: một cụm duy nhất.",
        "Fewer than 10 families: a single cluster.",
    ),
    "topics_k-reduced": (
        "Số cụm yêu cầu lớn hơn số họ: đã giảm bằng số họ.",
        "More clusters asked for than families: reduced to the number of families.",
    ),
    "topics_no-density": (
        "Không ước lượng được mật độ (dưới 3 điểm hoặc các điểm thẳng hàng): không có đường "
        "đồng mức.",
        "The density cannot be estimated (under three points, or points on a line): no contours.",
    ),
    "generated": ("Tạo lúc", "Generated"),
    "none": ("Không có dữ liệu", "No data"),
}


def label(key: str, sep: str = " / ") -> str:
    """``"Vietnamese / English"`` for a label key."""
    vi, en = LABELS[key]
    return f"{vi}{sep}{en}"
