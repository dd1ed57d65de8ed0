"""What an operator can technically do with the data: key custody, decrypt grants, support modes.

Reach says who a regime can compel; these fields say what that entity can then hand over.
Each mode carries its meaning, as a report prints it, and the public sources it rests on
(research note tech-13, EDPB Recommendations 01/2020 and vendor documentation).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from simulator.model.base import Assumable, Id
from simulator.model.units import Hours, Probability

Custody = Literal["provider", "byok", "external", "client_side"]
SupportMode = Literal["standing", "lockbox", "crash_dump"]

AZURE_MODELS = "https://learn.microsoft.com/en-us/azure/security/fundamentals/encryption-models"


@dataclass(frozen=True)
class Meaning:
    """What a mode means for the report, and where that is documented."""

    summary: str
    sources: tuple[str, ...]


CUSTODY: dict[str, Meaning] = {
    "provider": Meaning(
        "provider-managed keys: whoever can compel the operator of a node gets the data in clear",
        (AZURE_MODELS,),
    ),
    "byok": Meaning(
        "customer-managed key in the provider's key service (BYOK): the provider's services unwrap "
        "it whenever they read the data, so the whole stock is readable by the provider's regimes",
        (AZURE_MODELS, "https://docs.aws.amazon.com/kms/latest/developerguide/data-keys.html"),
    ),
    "external": Meaning(
        "keys in a key manager the provider does not operate (HYOK): only the nodes it grants "
        "can decrypt; a stock-wide grant to a reached node exposes the stock, a per-lot release "
        "only the lots released",
        (
            "https://docs.aws.amazon.com/kms/latest/developerguide/keystore-external.html",
            AZURE_MODELS,
            "https://cloud.google.com/assured-workloads/key-access-justifications/docs/overview",
        ),
    ),
    "client_side": Meaning(
        "client-side encryption: the provider stores, carries and handles ciphertext only and "
        "cannot process the content",
        (
            "https://developers.google.com/workspace/cse/guides/overview",
            "https://learn.microsoft.com/en-us/purview/double-key-encryption",
        ),
    ),
}

SUPPORT_MODES: dict[str, Meaning] = {
    "standing": Meaning(
        "standing administrator rights: every session reads what its node holds in clear",
        ("https://learn.microsoft.com/en-us/azure/security/fundamentals/customer-lockbox-overview",),
    ),
    "lockbox": Meaning(
        "just-in-time access approved by the customer for each session (Customer Lockbox, Access "
        "Approval); no barrier to legal demands, which are not routed through it",
        (
            "https://learn.microsoft.com/en-us/purview/customer-lockbox-requests",
            "https://learn.microsoft.com/en-us/azure/security/fundamentals/customer-lockbox-overview",
        ),
    ),
    "crash_dump": Meaning(
        "crash dumps sent to the vendor: they carry what was in memory in clear (lots in "
        "processing), not the stock at rest",
        ("https://learn.microsoft.com/en-us/windows/win32/wer/using-wer",),
    ),
}

CONFIDENTIAL_COMPUTING = Meaning(
    "protected in use by an attested enclave with keys released to it; relies on the CPU vendor's "
    "root of trust (AMD, Intel) and on the attestation service operator",
    (
        "https://learn.microsoft.com/en-us/azure/confidential-computing/concept-skr-attestation",
        "https://learn.microsoft.com/en-us/azure/confidential-computing/trusted-compute-base",
        "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-nitro-enclaves.html",
    ),
)

PSEUDONYMISED = Meaning(
    "readable, pseudonymised: the re-identification table is out of the regime's reach; still "
    "personal data for the controller and re-identifiable by linkage (EDPB use case 2)",
    (
        "https://edpb.europa.eu/system/files/2021-06/edpb_recommendations_202001vo.2.0_supplementarymeasurestransferstools_en.pdf",
        "https://curia.europa.eu/juris/document/document.jsf?text=&docid=303863&pageIndex=0&doclang=EN&mode=req&dir=&occ=first&part=1",
        "https://conseil-etat.fr/fr/arianeweb/CE/decision/2025-04-25/503163",
    ),
)


class Grant(Assumable):
    """A node allowed to use a key manager's key, for the whole stock or only the lots released to it."""

    node: Id
    data: list[Id] = Field(default=[], description="Data classes whose key it may use; empty means all.")
    scope: Literal["stock", "lot"] = Field(
        default="stock",
        description="'stock': the key decrypts everything it protects; 'lot': a per-job key is "
        "released for each lot the node is given.",
    )
    attestation: bool = Field(
        default=False,
        description="Keys are released only to an attested enclave (confidential computing).",
    )

    def covers(self, data_id: str) -> bool:
        return not self.data or data_id in self.data


class Pseudonymisation(Assumable):
    """The data are pseudonymised; the additional information (re-identification table) is held apart."""

    table: Id = Field(description="Node (usually a key_manager) holding the re-identification table.")


class Lockbox(Assumable):
    """The customer approves each session: with this probability, after this delay."""

    approval: Probability
    delay: Hours = Field(default=0.5, description="Time from request to approval.")
