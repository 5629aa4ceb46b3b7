"""Write fixtures/sefton_provision.json: the 51 entries of Appendix 2 "A Sample of Provision".

Source: Sefton SEND Joint Commissioning Strategy 2023-2026 (../shared/seeds/004_*.txt,
Appendix 2). The transcription lives here, beside its rules, so it can be reviewed and re-run:

    python manage.py build_provision_fixture > fixtures/sefton_provision.json

Rules followed:
- Descriptions are the document's words: paragraphs kept, "●" lists as "- " lines, words the
  PDF ran together separated again, dangling "via this link" dropped (the document gives no
  address). Nothing is added.
- Ages, how to get it, venues, times, cost and contacts only where the entry states them.
  No phone number, address, postcode, email or web address that the document does not give
  (it gives one postcode, for Dunes Leisure Centre, and one email, the Early Help Front Door).
- Needs only where the entry names them. "Complex needs" alone is not read as a health need.
- The organisation is the body the entry names as providing the service; where it names
  none, the body it names as commissioning it (local health services: "commissioned by Sefton
  Place and NHS England"; Aiming High: the Aiming High short breaks service; council services:
  Sefton Council, as the section's heading and entries say ("the LA", "the Council")).
- Nobody has reviewed these entries in the portal yet: last reviewed is left empty.
- Ids are uuid5 of a fixed namespace and a readable key, so reloading updates rather than
  duplicates. The first object is the service-category taxonomy: the seed command treats its
  presence as "already loaded".
"""

import json
import uuid

from django.core.management import BaseCommand

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://send-portal.example/provision/sefton")
PARTNERSHIP = 1  # Sefton SEND Partnership, from fixtures/sefton.json (loaded first by `seed`)
# loaddata saves raw, so auto_now does not fill last_modified: the day this transcription was made.
TRANSCRIBED = "2026-11-23T00:00:00Z"


def uid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


TAXONOMIES = [
    (
        "service-category",
        "Service category",
        "The kind of service, grouped as in Appendix 2 of the partnership's joint commissioning strategy.",
    ),
    ("need", "Needs", "The special educational needs and disabilities a service says it supports."),
]

CATEGORIES = [
    (
        "local-health-services",
        "Local health services",
        "Services that support and treat children and young people with certain conditions, commissioned by "
        "Sefton Place and NHS England. Normally you will have to be referred by professionals or agencies, "
        "for example GPs or schools.",
    ),
    ("aiming-high", "Aiming High short breaks", "Sessions and short breaks for disabled children and young people."),
    (
        "universal-and-council-services",
        "Universal and council services",
        "Services available to everybody, and services the council provides.",
    ),
    ("voluntary-services", "Voluntary services", "Charities and voluntary organisations."),
    ("information-and-advice", "Information and advice", "Information, advice and support about SEND."),
]

NEEDS = [
    ("autism", "Autism", "Autism and autistic spectrum conditions, including Asperger syndrome."),
    ("adhd", "ADHD", "Attention deficit hyperactivity disorder."),
    (
        "speech-language-communication",
        "Speech, language and communication",
        "Speech, language, communication and social communication needs.",
    ),
    (
        "social-emotional-mental-health",
        "Social, emotional and mental health",
        "Emotional wellbeing and mental health.",
    ),
    ("sensory", "Sensory", "Hearing, vision and sensory processing needs."),
    ("physical", "Physical", "Physical disability, mobility and conditions that affect movement."),
    ("learning-disability", "Learning disability", "Learning disabilities and learning difficulties."),
    ("complex-health-needs", "Complex health needs", "Medical conditions and complex health needs."),
]

ORGANIZATIONS = {
    "sefton-council": ("Sefton Council", "The local authority for Sefton."),
    "sefton-place": (
        "NHS Cheshire and Merseyside Integrated Care Board (Sefton Place)",
        "Commissions local health services in Sefton with NHS England.",
    ),
    "alder-hey": (
        "Alder Hey Hospital",
        "Provides children's health services, including specialist services in Sefton.",
    ),
    "north-west-boroughs": (
        "North West Boroughs Healthcare NHS Foundation Trust",
        "Delivers Sefton's integrated 0-19 public health service.",
    ),
    "aiming-high": (
        "Aiming High Short Breaks",
        "Sefton's short breaks service for disabled children and young people: sessions are reached by "
        "referral to the Aiming High Team.",
    ),
    "sefton-cvs": (
        "Sefton CVS",
        "Co-ordinates children's and young people's services in the voluntary sector in Sefton.",
    ),
    "sefton-carers-centre": ("Sefton Carers Centre", "Support for unpaid carers living in Sefton."),
    "together-trust": (
        "Together Trust",
        "A voluntary organisation providing care, special education and community services.",
    ),
    "home-start-southport-formby": (
        "Home-Start Southport and Formby",
        "A voluntary organisation committed to promoting the welfare of families with at least one child "
        "under 5 years of age.",
    ),
    "autism-initiatives": ("Autism Initiatives", "Services for autistic people, and Peterhouse School in Southport."),
    "seas": (
        "Sefton Emotional Achievement Service (SEAS)",
        "A partnership of VENUS, PSS, Space (MYA), Parenting 2000 and Sefton CVS.",
    ),
}

VENUES = {
    "hesketh-centre": {"name": "Hesketh Centre", "area": "Southport"},
    "dunes-leisure-centre": {
        "name": "Dunes Leisure Centre",
        "address_1": "The Promenade",
        "area": "Southport",
        "postcode": "PR8 1RX",
    },
    "crosby-leisure-centre": {"name": "Crosby Leisure Centre", "area": "Crosby"},
    "bootle-leisure-centre": {"name": "Bootle Leisure Centre", "area": "Bootle"},
    "aintree-village-centre": {
        "name": "Aintree Village Youth and Community Centre",
        "area": "Aintree",
        "description": "A large social area, arts and craft room, an ICT suite and a secure outside area with "
        "flower/vegetable beds and plenty of space for outdoor games and sport.",
    },
    "crosby-lakeside": {"name": "Crosby Lakeside Adventure Centre", "area": "Crosby"},
    "ainsdale-discovery-centre": {
        "name": "Ainsdale Discovery Centre",
        "area": "Ainsdale",
        "description": "Includes a specialist woodworking unit.",
    },
    "peterhouse-school": {"name": "Peterhouse School", "area": "Southport"},
}

HEALTH_FUNDING = "Commissioned by Sefton Place and NHS England."
AIMING_HIGH_TEAM = "Aiming High Team"
AIMING_HIGH_REFERRAL = "All young people must be referred to the Aiming High Team in order to access this session."
AIMING_HIGH_RATIOS = (
    "All young people must be referred to the Aiming High Team in order to access this session, as correct "
    "staffing ratios must be in place as we are governed by Ofsted regulations."
)

# (key, section, organisation, name, description, extra fields, needs, venues)
SERVICES = [
    # --- Local health services (15) -------------------------------------------------------
    (
        "speech-and-language-therapy",
        "local-health-services",
        "alder-hey",
        "Speech and Language Therapy",
        "Speech and language therapists are the lead professionals in the diagnosis and management of "
        "communication and swallowing disorders.\n\n"
        "The Speech and Language Therapy service work to support all communication difficulties including "
        "specific speech and language disorders, stammering, cleft lip and palate, voice difficulties, hearing "
        "impairment, Autism, Learning Disabilities and eating, drinking and swallowing difficulties.\n\n"
        "Speech and language therapists work with children who may need help with:\n"
        "- Listening and following instructions.\n"
        "- Playing and talking with other children.\n"
        "- Understanding what people say to them.\n"
        "- Saying sounds and talking clearly.\n"
        "- Using words in sentences.\n"
        "- Eating and drinking.\n\n"
        "Children learn from parents, teachers, friends and family. Some children learn communication skills "
        "quickly and some children may take longer. Speech and Language Therapists recognise the importance of "
        "working collaboratively with everyone in the child's life to get the best outcomes.\n\n"
        "More information about the service and information on how to help in developing speech and language "
        "skills can be found at the Alder Hey Hospital Speech and Language Therapy webpage.",
        {"funding_source": HEALTH_FUNDING},
        ["speech-language-communication", "autism", "learning-disability", "sensory"],
        [],
    ),
    (
        "occupational-therapy",
        "local-health-services",
        "sefton-place",
        "Occupational Therapy",
        "The Occupational Therapy service offers specialist assessment and intervention to enable and maximise "
        "the potential for children to engage in their daily living activities.\n\n"
        "The Paediatric Occupational Therapists will work with the child, family and other key professionals in "
        "the child's life, to identify areas where a child's function, participation and independence at school, "
        "home and the community can be improved. They also provide advice and support to children requiring "
        "equipment to maintain their daily function. Close liaison with Sefton Equipment Stores enables the "
        "request and provision of equipment in the community.\n\n"
        "Occupational therapy services are delivered at Clinics, Workshops, Home and School settings, and at "
        "equipment assessment clinics.\n\n"
        "Educational workshops are held for parents and carers of children with sensory processing problems. "
        "Referrals are only accepted directly from parents.",
        {
            "access": "self_referral",
            "access_details": "Referrals are only accepted directly from parents.",
            "funding_source": HEALTH_FUNDING,
        },
        ["sensory", "physical"],
        [],
    ),
    (
        "podiatry",
        "local-health-services",
        "sefton-place",
        "Podiatry",
        "The service aims to prevent, diagnose, treat and rehabilitate conditions affecting the feet and lower "
        "limbs.\n\n"
        "Qualified podiatrists supported by podiatry assistants offer a service to children at community venues "
        "and can conduct home visits. The service has podiatrists who provide specialised in diabetes, wound "
        "care, rheumatoid arthritis, or muscular-skeletal and biomechanical conditions.\n\n"
        "The podiatry service treats and manages foot complications related to diabetes and other disorders that "
        "may affect the feet; arthritic conditions and those that affect circulation, nervous and "
        "Musculo-skeletal systems.",
        {"funding_source": HEALTH_FUNDING},
        ["physical"],
        [],
    ),
    (
        "continence",
        "local-health-services",
        "sefton-place",
        "Continence",
        "The children's continence service in Sefton is led by a specialist nurse & provides advice & support to "
        "those with constipation & soiling, daytime & night time wetting, toileting issues & children with "
        "additional & complex needs who may require a continence product.\n\n"
        "Children & young people from 4-19 years can be referred into the service by their GP, consultant, health "
        "visitor, other health professionals, education & voluntary sector.\n\n"
        "Assessments can be conducted in the home & clinic setting with ongoing support.",
        {
            "minimum_age": 4,
            "maximum_age": 19,
            "access": "professional_referral",
            "access_details": "Children & young people can be referred into the service by their GP, consultant, "
            "health visitor, other health professionals, education & voluntary sector.",
            "service_area": "Sefton",
            "funding_source": HEALTH_FUNDING,
        },
        ["complex-health-needs"],
        [],
    ),
    (
        "asd-adhd-nursing",
        "local-health-services",
        "sefton-place",
        "ASD & ADHD Nursing",
        "The service is for families requiring advice, support and intervention for children and young people "
        "from 0-19 years who have a diagnosis of ADHD/ASD.\n\n"
        "Specialist Nurses provide initial assessment/reassessment to assist families in understanding the need "
        "of their child following diagnosis. Further intervention is delivered from Associate Practitioners to "
        "support the child/young person and families with personalised behaviour strategies to improve emotional "
        "wellbeing.",
        {
            "minimum_age": 0,
            "maximum_age": 19,
            "eligibility_description": "Children and young people who have a diagnosis of ADHD/ASD, and their "
            "families.",
            "funding_source": HEALTH_FUNDING,
        },
        ["autism", "adhd"],
        [],
    ),
    (
        "complex-childrens-community-nurse",
        "local-health-services",
        "sefton-place",
        "Complex Children's Community Nurse",
        "The Children's nursing team works with children and young people who have disabilities and complex "
        "health needs to provide expert nursing care, support and advice.\n\n"
        "The Children's Community Nursing (CCN) Service comprises of five teams of experienced children's nurses. "
        "The team see children and young people aged 0-19 years who have a nursing need across Sefton.\n\n"
        "The teams provide nursing care for children and young people, with acute and complex health "
        "requirements in their home or within a community setting.\n\n"
        "The Children's Community Nursing Teams work with children by:\n"
        "- Providing a service that enables children and young people to be nursed at home with their family or "
        "guardian.\n"
        "- Reduce hospital admissions and to shorten the time spend in hospital.\n"
        "- Work closely with other multi-agency professionals.\n"
        "- The team also Provide training to nursery staff, school staff, carers and other health professionals "
        "to support and maintain children's care close to home.",
        {
            "minimum_age": 0,
            "maximum_age": 19,
            "eligibility_description": "Children and young people who have a nursing need.",
            "service_area": "Sefton",
            "funding_source": HEALTH_FUNDING,
        },
        ["complex-health-needs"],
        [],
    ),
    (
        "community-dietetics",
        "local-health-services",
        "sefton-place",
        "Community Dietetics",
        "The service provides up-to-date information and guidance about childhood nutritional matters to:\n"
        "- Children who have a nutritional need and their carers.\n"
        "- Professionals in contact with children so that advice given by them to carers/children is based on "
        "best practice and is consistent.\n\n"
        "Some examples of nutritional issues that the service can support include:\n"
        "- food allergies particularly cow's milk protein allergy/intolerance,\n"
        "- selective eating,\n"
        "- overweight,\n"
        "- underweight\n"
        "- Constipation.\n\n"
        "The service support children and their carers who require a special diet to ensure nutritional needs "
        "are met considering growth and disease progression. They work closely with other members of the "
        "multidisciplinary team to deliver a holistic approach.\n\n"
        "The service also provides the home delivery service for enteral feeding equipment for all children in "
        "Sefton who have complex and additional needs.",
        {"service_area": "Sefton", "funding_source": HEALTH_FUNDING},
        ["complex-health-needs"],
        [],
    ),
    (
        "camhs",
        "local-health-services",
        "alder-hey",
        "Child and Adolescent Mental Health Services (CAMHS)",
        "CAMHS is a partnership comprised of Sefton CAMHS, with Alder Hey offering specialist services to support "
        "children and young people in Sefton, up to the age of 18, who are experiencing mental health "
        "difficulties. They also provide support to their families or carers. Some of the issues that CAMHS can "
        "help with include:\n"
        "- Anxiety\n"
        "- Depression\n"
        "- Self-harm\n"
        "- More complex psychological difficulties\n"
        "- Emotional & Behavioural difficulties in children with Learning Disabilities\n"
        "- Attachment Difficulties\n"
        "- Psychosis\n"
        "- Post-Traumatic Stress Disorder (PTSD)\n"
        "- Conduct/Behaviour Problems\n"
        "- Obsessions and Compulsions\n\n"
        "CAMHS provide consultation, advice and training to other agencies and accept referrals from a wide range "
        "of professionals. The team is multi-disciplinary, which means our clinicians come from a range of "
        "clinical and professional backgrounds.\n\n"
        "The service works with the young people, parents, carers and partner agencies to make sure that the "
        "right care is provided to each individual, depending on their needs and circumstances.",
        {
            "maximum_age": 18,
            "eligibility_description": "Children and young people in Sefton, up to the age of 18, who are "
            "experiencing mental health difficulties, and their families or carers.",
            "access": "professional_referral",
            "access_details": "CAMHS accept referrals from a wide range of professionals.",
            "service_area": "Sefton",
            "funding_source": HEALTH_FUNDING,
        },
        ["social-emotional-mental-health", "learning-disability"],
        [],
    ),
    (
        "physiotherapy",
        "local-health-services",
        "sefton-place",
        "Physiotherapy",
        "The service provides assessment, diagnosis, treatment, equipment, practical advice and support to "
        "children and young people with a wide range of conditions to promote maximum recovery and independence. "
        "The service also provides advice and support to children and young people's carers and families.\n\n"
        "Community physiotherapists predominantly see children who have difficulties with their physical "
        "abilities due to either an underlying neurological cause or associated with a global developmental "
        "delay. We specialise in treating children with neurological conditions, including:\n"
        "- Cerebral Palsy.\n"
        "- Spina Bifida, Genetic Syndromes.\n"
        "- Developmental Delay.\n"
        "- Developmental Co-ordination Disorder.\n"
        "- Acquired Brain Injuries\n\n"
        "By ensuring appropriate and timely information, advice, assessment, intervention, review and equipment "
        "provision they can reduce the risk of long-term problems for children.",
        {"funding_source": HEALTH_FUNDING},
        ["physical"],
        [],
    ),
    (
        "audiology",
        "local-health-services",
        "alder-hey",
        "Audiology",
        "The audiology service provides a comprehensive range of services for children with all types of hearing "
        "and balance problems. The service is delivered by a team of Audiologists, Consultant Audio vestibular "
        "Physicians and a Specialist Nurse Practitioner. The service includes:\n"
        "- Diagnostic follow-up for New Born Hearing Screening Programme.\n"
        "- School entry hearing screen follow-up.\n"
        "- Assessment and management of temporary hearing loss such as 'glue ear' in children.\n"
        "- Investigation into the cause of hearing loss and assessment and management of permanent hearing loss "
        "in children with speech and language delay with suspected hearing loss.\n"
        "- Hearing assessment of children with social and communication difficulties or learning disabilities "
        "and other complex needs.\n\n"
        "For further information please visit the Alder Hey Hospital website.",
        {"funding_source": HEALTH_FUNDING},
        ["sensory", "speech-language-communication", "learning-disability"],
        [],
    ),
    (
        "neurodevelopmental-community-paediatrics",
        "local-health-services",
        "alder-hey",
        "Neurodevelopmental Community Paediatrics",
        "The Neurodevelopmental Community Paediatric Service deliver services for children and young people who "
        "may be experiencing:\n"
        "- Children with developmental delay.\n"
        "- Children with social and communication difficulties.\n"
        "- Children with complex medical needs.\n"
        "- ADHD assessment, treatment and monitoring.\n"
        "- Child protection service covering physical, sexual and emotional abuse.\n"
        "- Behaviour problems for the under 5s.\n"
        "- Liaison with other professionals caring for the child.\n\n"
        "Community Neurodevelopmental Paediatricians also support the ASD and ADHD assessment and diagnostic "
        "pathways. For more information you can also visit the Alder Hey website.",
        {"funding_source": HEALTH_FUNDING},
        ["autism", "adhd", "speech-language-communication", "complex-health-needs"],
        [],
    ),
    (
        "community-equipment",
        "local-health-services",
        "sefton-place",
        "Community equipment",
        "The Community Equipment Service provides health and social care equipment to meet the needs of Sefton "
        "children, enabling safe discharge from hospitals and promoting independence and mobility in the home "
        "environment. They work closely with the occupational therapy team to ensure children requiring "
        "equipment; receive it to maintain their daily functions.",
        {"service_area": "Sefton", "funding_source": HEALTH_FUNDING},
        ["physical"],
        [],
    ),
    (
        "community-diabetes-team",
        "local-health-services",
        "sefton-place",
        "Community diabetes team",
        "Sefton have a Community Diabetes Team and the nurses can be accessed by referral from a GP or "
        "consultant. They deliver 'Drop in' clinics, with no appointment needed. The 'drop in' clinics are mainly "
        "for problems with meters, insulin pens and for general advice. If a person needs further investigation "
        "/ advice / changes in medication an appointment will be arranged for them to see a Diabetes Specialist "
        "Nurse for a full assessment.",
        {
            "access": "professional_referral",
            "access_details": "The nurses can be accessed by referral from a GP or consultant. The 'drop in' "
            "clinics need no appointment.",
            "funding_source": HEALTH_FUNDING,
        },
        ["complex-health-needs"],
        [],
    ),
    (
        "aspergers-team",
        "local-health-services",
        "sefton-place",
        "Asperger's team",
        "Sefton Asperger service provides diagnosis and support for people living with Asperger Syndrome from "
        "its base at the Hesketh Centre in Southport. Their aim is to provide specialist support for those people "
        "who may have previously fallen through the gaps by not being regarded as having a mental health problem "
        "or a learning disability.\n\n"
        "The team utilise creative interventions which help with the social and communication difficulties faced "
        "by people with Asperger syndrome, their families and care teams. The team works with other services such "
        "as social services and local colleges to help support service users.\n\n"
        "Anyone aged 18 years and over may self-refer or be referred by another person for example a family "
        "member; GP or other mental health professional.",
        {
            "minimum_age": 18,
            "access": "self_referral",
            "access_details": "Anyone aged 18 years and over may self-refer or be referred by another person for "
            "example a family member; GP or other mental health professional.",
            "funding_source": HEALTH_FUNDING,
        },
        ["autism"],
        ["hesketh-centre"],
    ),
    (
        "educational-psychology-service",
        "local-health-services",
        "sefton-council",
        "Educational psychology service",
        "This is an educational service that is commissioned through schools and other organisations. All "
        "mainstream schools are allocated core time that enables the local authority to carry out its statutory "
        "duties, in relation to educational psychology services. The Educational Psychology service support the "
        "learning and wellbeing of children and young people.",
        {
            "access_details": "Commissioned through schools and other organisations.",
            "funding_source": "Commissioned through schools and other organisations.",
        },
        [],
        [],
    ),
    # --- Aiming High (15) -------------------------------------------------------------------
    (
        "aiming-high-summer-scheme",
        "aiming-high",
        "aiming-high",
        "Summer scheme",
        "Some schools and other locations offer a range of activities during the summer break period.",
        {"schedule_description": "During the summer break."},
        [],
        [],
    ),
    (
        "aiming-high-specialist-after-school-club",
        "aiming-high",
        "aiming-high",
        "Aiming High - Specialist After-School Club",
        "Some schools and other locations offer sessions that cater for children aged 6 – 11 years with complex "
        "needs in a closely supervised, safe environment. Here children can build on skills such as independence, "
        "social skills, physical and emotional skills. Different activities are planned on a weekly basis for the "
        "young people. They can choose to participate in these activities or just have some free play.\n\n"
        + AIMING_HIGH_RATIOS,
        {
            "minimum_age": 6,
            "maximum_age": 11,
            "eligibility_description": "Children with complex needs.",
            "access": "team_referral",
            "referral_team": AIMING_HIGH_TEAM,
            "access_details": AIMING_HIGH_RATIOS,
            "schedule_description": "After school. Activities are planned on a weekly basis.",
        },
        [],
        [],
    ),
    (
        "aiming-high-phoenix-youth-club",
        "aiming-high",
        "aiming-high",
        "Aiming High - Phoenix Youth Club",
        "This session provides opportunities for disabled young people/young adults aged 11 - 19 to socialise, "
        "increase independence and to influence the services available to them whilst in a safe and encouraging "
        "environment.\n\n"
        "All young people must be referred through the Aiming High Team in order to access this session, as "
        "correct staffing ratios must be in place as we are governed by Ofsted regulations.",
        {
            "minimum_age": 11,
            "maximum_age": 19,
            "eligibility_description": "Disabled young people and young adults.",
            "access": "team_referral",
            "referral_team": AIMING_HIGH_TEAM,
            "access_details": "All young people must be referred through the Aiming High Team in order to access "
            "this session, as correct staffing ratios must be in place as we are governed by Ofsted regulations.",
        },
        [],
        [],
    ),
    (
        "aiming-high-phoenix-social-group",
        "aiming-high",
        "aiming-high",
        "Aiming High - Phoenix Social Group",
        "This session provides opportunities for disabled young people/young adults with Autistic Spectrum "
        "Conditions aged 11 - 19 to socialise, increase independence and to influence the services available to "
        "them whilst in a safe and encouraging environment. " + AIMING_HIGH_REFERRAL,
        {
            "minimum_age": 11,
            "maximum_age": 19,
            "eligibility_description": "Disabled young people and young adults with Autistic Spectrum Conditions.",
            "access": "team_referral",
            "referral_team": AIMING_HIGH_TEAM,
            "access_details": AIMING_HIGH_REFERRAL,
        },
        ["autism"],
        [],
    ),
    (
        "aiming-high-alchemy",
        "aiming-high",
        "aiming-high",
        "Aiming High - Alchemy",
        "This session provides opportunities for disabled young people/young adults with Autistic Spectrum "
        "Conditions aged 11 – 25 to socialise, increase independence and to influence the services available to "
        "them whilst in a safe and encouraging environment. " + AIMING_HIGH_RATIOS,
        {
            "minimum_age": 11,
            "maximum_age": 25,
            "eligibility_description": "Disabled young people and young adults with Autistic Spectrum Conditions.",
            "access": "team_referral",
            "referral_team": AIMING_HIGH_TEAM,
            "access_details": AIMING_HIGH_RATIOS,
        },
        ["autism"],
        [],
    ),
    (
        "aiming-high-aiming-for-the-stars",
        "aiming-high",
        "aiming-high",
        "Aiming High - Aiming for the Stars",
        "Aiming for the stars is a musical theatre session aimed at disabled children aged 6 -19. The sessions aim "
        "is to help to improve confidence, self-esteem and skill set in singing, dancing and acting. We hope to "
        "improve development by integrating our young people into Shine's annual showcase, this will involve them "
        "planning, producing their own ideas and will also include costume design. The young people will get to "
        "attend numerous rehearsals with the other performers from Shine to help develop their social skills and "
        "also give them an insight into the professional world of performing arts. The young people will get to "
        "perform for their families and also showcase their work on a regular basis at our Aiming High Family Fun "
        "Days.\n\n"
        "All are welcome, provided they have been referred into the Aiming High Team and meet criteria.\n\n"
        "Aiming for the Stars also runs on a Monday, after school at Dunes Leisure Centre, The Promenade, "
        "Southport, PR8 1RX.",
        {
            "minimum_age": 6,
            "maximum_age": 19,
            "eligibility_description": "Disabled children.",
            "access": "team_referral",
            "referral_team": AIMING_HIGH_TEAM,
            "access_details": "All are welcome, provided they have been referred into the Aiming High Team and "
            "meet criteria.",
            "schedule_description": "Also runs on a Monday, after school, at Dunes Leisure Centre.",
        },
        [],
        ["dunes-leisure-centre"],
    ),
    (
        "aiming-high-nature-group",
        "aiming-high",
        "aiming-high",
        "Aiming High - Nature Group",
        "This session provides an opportunity for young people, aged between 6 and 10 and 11 years plus to gain "
        "independence while learning about the Sefton's coastline, forestland. The programme is in conjunction "
        "with the Coast and Countryside Team which brings their skills and knowledge to the sessions. Young people "
        "have the opportunity to be outdoors, be a part of nature and develop new friendships in a safe, engaging "
        "environment. All young people must be referred into the Aiming High Team in order to access these "
        "sessions.",
        {
            "minimum_age": 6,
            "eligibility_description": "Young people aged between 6 and 10, and 11 years plus.",
            "access": "team_referral",
            "referral_team": AIMING_HIGH_TEAM,
            "access_details": "All young people must be referred into the Aiming High Team in order to access "
            "these sessions.",
        },
        [],
        [],
    ),
    (
        "aiming-high-specialist-saturday-club-primary",
        "aiming-high",
        "aiming-high",
        "Aiming High - Specialist Saturday Club Primary",
        "This session caters for children aged 6-11 years with complex needs in a closely supervised, safe "
        "environment. Here children can build on skills such as independence, social skills, physical and "
        "emotional skills. Different activities are planned on a weekly basis for the young people. They can "
        "choose to participate in these activities or just have some free play.\n\n" + AIMING_HIGH_RATIOS,
        {
            "minimum_age": 6,
            "maximum_age": 11,
            "eligibility_description": "Children with complex needs.",
            "access": "team_referral",
            "referral_team": AIMING_HIGH_TEAM,
            "access_details": AIMING_HIGH_RATIOS,
            "schedule_description": "Saturdays. Activities are planned on a weekly basis.",
        },
        [],
        [],
    ),
    (
        "aiming-high-football-ability-counts",
        "aiming-high",
        "aiming-high",
        "Aiming High - Football - Ability Counts",
        "These sessions offer coaching and skills training by fully qualified FA coaches. The young people gain "
        "confidence and self-esteem by achieving and gaining success in the multi skill coaching drills, and then "
        "finish the session off with a competitive game which helps create team spirit as well as strengthening "
        "and widening friendship groups. The team also play regularly in Liverpool County FA Ability Counts "
        "Football League. " + AIMING_HIGH_REFERRAL,
        {"access": "team_referral", "referral_team": AIMING_HIGH_TEAM, "access_details": AIMING_HIGH_REFERRAL},
        [],
        [],
    ),
    (
        "aiming-high-st-josephs-youth-club-junior",
        "aiming-high",
        "aiming-high",
        "Aiming High - St Joseph's Youth Club (Junior)",
        "This session provides opportunities for disabled young people/young adults with Autistic Spectrum "
        "Conditions aged 10 - 12 to socialise, increase independence and to influence the services available to "
        "them whilst in a safe and encouraging environment. " + AIMING_HIGH_REFERRAL,
        {
            "minimum_age": 10,
            "maximum_age": 12,
            "eligibility_description": "Disabled young people with Autistic Spectrum Conditions.",
            "access": "team_referral",
            "referral_team": AIMING_HIGH_TEAM,
            "access_details": AIMING_HIGH_REFERRAL,
        },
        ["autism"],
        [],
    ),
    (
        "aiming-high-nac-youth-club",
        "aiming-high",
        "aiming-high",
        "Aiming High - The NAC Youth Club",
        "This session provides opportunities for disabled young people/young adults aged 11- 19 to socialise, "
        "increase independence and to influence the services available to them whilst in a safe and encouraging "
        "environment. " + AIMING_HIGH_RATIOS,
        {
            "minimum_age": 11,
            "maximum_age": 19,
            "eligibility_description": "Disabled young people and young adults.",
            "access": "team_referral",
            "referral_team": AIMING_HIGH_TEAM,
            "access_details": AIMING_HIGH_RATIOS,
        },
        [],
        [],
    ),
    (
        "aiming-high-specialist-saturday-teen-club-secondary",
        "aiming-high",
        "aiming-high",
        "Aiming High - Specialist Saturday Teen Club Secondary",
        "This session caters for children aged 11-19 years with complex needs in a closely supervised, safe "
        "environment. Here children can build on skills such as independence, social skills, physical and "
        "emotional skills. Different activities are planned on a weekly basis for the young people. They can "
        "choose to participate in these activities or just have some free play. " + AIMING_HIGH_RATIOS,
        {
            "minimum_age": 11,
            "maximum_age": 19,
            "eligibility_description": "Young people with complex needs.",
            "access": "team_referral",
            "referral_team": AIMING_HIGH_TEAM,
            "access_details": AIMING_HIGH_RATIOS,
            "schedule_description": "Saturdays. Activities are planned on a weekly basis.",
        },
        [],
        [],
    ),
    (
        "aiming-high-active-and-able",
        "aiming-high",
        "aiming-high",
        "Aiming High - Active & Able",
        "These sessions are for children and young people of all abilities and disabilities to take part in and "
        "try various sports including football, basketball, boccia and athletics, followed by a swim. With "
        "specialist events often held at the leisure centres across the borough this is a great club to perfect "
        "favourite sports and meet new friends. All young people must be referred to the Aiming High Team in "
        "order to access this session, as correct staffing ratios must be in place.\n\n"
        "Active & Able sessions run at:\n"
        "- Crosby Leisure Centre (6+ years)\n"
        "- Bootle Leisure Centre (6+ years)\n"
        "- Dunes Leisure Centre (6+ years)",
        {
            "minimum_age": 6,
            "eligibility_description": "Children and young people of all abilities and disabilities.",
            "access": "team_referral",
            "referral_team": AIMING_HIGH_TEAM,
            "access_details": "All young people must be referred to the Aiming High Team in order to access this "
            "session, as correct staffing ratios must be in place.",
        },
        [],
        ["crosby-leisure-centre", "bootle-leisure-centre", "dunes-leisure-centre"],
    ),
    (
        "aiming-high-southport-junior-phab-club",
        "aiming-high",
        "aiming-high",
        "Aiming High - Southport Junior PHAB Club (Phabkids)",
        "Phab's aim is to promote and encourage people of all abilities to come together on equal terms, to "
        "achieve complete inclusion within the wider community through leisure time activities. The age group is "
        "for children aged 6+.",
        {"minimum_age": 6},
        [],
        [],
    ),
    (
        "aiming-high-aintree-junior-youth-club",
        "aiming-high",
        "aiming-high",
        "Aiming High - Aintree Junior Youth Club",
        "Aintree Junior Youths is one of Aiming High's youth sessions for disabled young people aged 10 - 12 "
        "years. It runs every Tuesday during school term at Aintree Village Youth and Community Centre. Whilst "
        "there, young people can socialise with their friends in a safe, engaging environment. The club offers a "
        "large social area, arts and craft room, an ICT suite and a secure outside area with flower/vegetable "
        "beds and plenty of space for outdoor games and sport. It is the perfect space to develop friendships, "
        "experience new opportunities to build self-esteem, confidence and to be more independent.\n\n"
        "The sessions follow the same format as Aiming High's other Youth Sessions. 'Junior Youths' are "
        "encouraged to share their 'voices' and identify what they wish to do, helping staff to plan and deliver "
        "a range of activities for them. These include sessions that look at youth issues in the world today, "
        "equipping disabled young people with the knowledge and skills to help them confidently make the right "
        "choices and assist them in later life.",
        {
            "minimum_age": 10,
            "maximum_age": 12,
            "eligibility_description": "Disabled young people.",
            "schedule_description": "Every Tuesday during school term.",
        },
        [],
        ["aintree-village-centre"],
    ),
    # --- Universal and council services (11) ---------------------------------------------------
    (
        "0-19-provision",
        "universal-and-council-services",
        "north-west-boroughs",
        "0-19 provision",
        "Offers an integrated universal Public Health Service that delivers Health Visiting, Breastfeeding "
        "Support, School Nursing and school aged immunisations. The service is delivered by North West Boroughs "
        "Healthcare NHS Foundation Trust and aims to give every child in Sefton the best start in life and help "
        "support young people to make healthier choices.\n\n"
        "Health Visitors are registered nurses or midwives who have a specialised qualification in the care and "
        "development of pre-school children. The health visiting team works in accordance with the Healthy Child "
        "Programme, which is a national programme aimed at promoting health and wellbeing for all children by:\n"
        "- Keeping children healthy and safe\n"
        "- Encouraging healthy eating and physical activity\n"
        "- Preventing disease through immunisation\n"
        "- Promoting breastfeeding\n"
        "- Improving readiness for school\n"
        "- Checking development pre-school and school age\n"
        "- Addressing risky behaviour\n\n"
        "Every school in Sefton has a School Nurse who works as part of the integrated 0-19 service to deliver the "
        "Healthy Child Programme to children aged 4-19 years within the borough of Sefton. The School Nursing "
        "Service plays an active role in safeguarding vulnerable children and young people and offers:\n"
        "- Advice, information and support on all aspects of health and wellbeing encompassing both physical and "
        "emotional health.\n"
        "- A health needs assessment which is completed by parents of reception aged children and pupils in years "
        "6, 9 and 11.\n"
        "- Health screening for all reception aged children which includes height, weight, vision and hearing and "
        "height and weight measurement offered to all pupils in Year 6.\n"
        "- Annual health assessments for looked after children.\n\n"
        "Support for young carers.",
        {
            "minimum_age": 0,
            "maximum_age": 19,
            # The strategy: universal public health services are "available to everybody, without the
            # need for any assessment or referral".
            "access": "open_access",
            "service_area": "Sefton",
        },
        [],
        [],
    ),
    (
        "family-wellbeing-centres",
        "universal-and-council-services",
        "sefton-council",
        "Family Wellbeing Centres",
        "Family Wellbeing Centres offer support with:\n"
        "- Parenting - parents to be, new parents, behaviour, speech and language.\n"
        "- Health - midwifery, health visitors, mental health, healthy eating, sexual health\n"
        "- Employment - including training and apprenticeships.\n"
        "- Education - early learning, attendance, further education, achievements\n"
        "- Leisure - social opportunities, events, clubs, activities\n"
        "- Relationships - counselling, loneliness, bereavement\n"
        "- Welfare - benefits, debt advice, housing\n\n"
        "To access an activity or intervention from one of the family wellbeing centres please complete the "
        "Family Wellbeing Referral Form (Sefton Family Wellbeing Centres, The Sefton Directory) and send it to the "
        "Early Help Front Door (early.help@sefton.gcsx.gov.uk) or local centre.",
        {
            "access": "self_referral",
            "access_details": "To access an activity or intervention from one of the family wellbeing centres "
            "please complete the Family Wellbeing Referral Form (Sefton Family Wellbeing Centres, The Sefton "
            "Directory) and send it to the Early Help Front Door or local centre.",
        },
        ["speech-language-communication", "social-emotional-mental-health"],
        [],
    ),
    (
        "libraries",
        "universal-and-council-services",
        "sefton-council",
        "Libraries",
        "There are 6 libraries in Sefton. What is on offer, how to find your local library, and opening times is "
        "available on the Council website.\n\n"
        "This includes a Home Visit Library Service for Sefton residents who experience difficulties getting to a "
        "local branch library by themselves.\n\n"
        "You can also borrow e-books and e-audiobooks through the Sefton Library Service app. It is free to "
        "download and gives readers the flexibility to borrow and reserve multiple titles anywhere in the "
        "borough.",
        {
            # The strategy lists libraries among the universal services available without referral.
            "access": "open_access",
            "cost_details": "The Sefton Library Service app is free to download.",
            "schedule_description": "Opening times are on the Council website.",
            "service_area": "Sefton",
        },
        [],
        [],
    ),
    (
        "home-to-school-transport",
        "universal-and-council-services",
        "sefton-council",
        "Home to school transport",
        "The LA has a statutory duty, and in appropriate circumstances discretionary powers to help with home to "
        "school travel, based on a pupil's individual needs and circumstances.\n\n"
        "Where appropriate the service seeks to empower young people and their families to become more confident "
        "and connected through independent travel. The service will support them in developing sustainable "
        "travel skills.\n\n"
        "This could be through travel passes, Independent Travel Training (ITT) or Personal Travel Budget (PTB). "
        "The Council will offer commissioned transport where there is no viable alternative available to the "
        "student.",
        {"eligibility_description": "Based on a pupil's individual needs and circumstances."},
        [],
        [],
    ),
    (
        "springbrook",
        "universal-and-council-services",
        "sefton-council",
        "Springbrook",
        "Springbrook's primary role is to provide short residential breaks to disabled young people usually "
        "between the ages of 8-17 years who have been identified as needing such a service by a Social Worker "
        "assessment.\n\n"
        "Springbrook can accommodate up to 5 young people at any one time. This, however, is dependent on the "
        "assessed care needs of individual people.\n\n"
        "Springbrook is committed to offering individualised programme of stays for service users in a homely, "
        "friendly, fun environment.",
        {
            "minimum_age": 8,
            "maximum_age": 17,
            "eligibility_description": "Disabled young people, usually between the ages of 8 and 17, identified "
            "as needing short residential breaks by a Social Worker assessment.",
            "access": "professional_referral",
            "access_details": "Young people are identified as needing such a service by a Social Worker assessment.",
        },
        [],
        [],
    ),
    (
        "leisure-centres",
        "universal-and-council-services",
        "sefton-council",
        "Leisure Centres",
        "Leisure Centres offer a whole host of activities to help people achieve a healthier lifestyle. They offer "
        "a range of options for children and young people and help young people across Sefton find a sport or "
        "activity that they love and want to become a part of for a long time. Whether it is swimming or team "
        "sports, short sessions, or holiday camps you are looking for, they are sure to offer something for all."
        "\n\nPlus, Crosby Lakeside Adventure Centre offers a host of fun-filled water-based adventures for all "
        "ages.",
        {"access": "open_access", "service_area": "Sefton"},
        [],
        ["crosby-lakeside"],
    ),
    (
        "be-active",
        "universal-and-council-services",
        "sefton-council",
        "Be Active",
        "Every school holiday, fully qualified, experienced and enthusiastic Be Active coaches deliver a great "
        "range of activities to children aged 3-16 across Sefton. A fantastic way for children to keep active, "
        "have fun and make friends in a safe environment, our activities include one to five-day camps, shorter "
        "sessions and reduced cost swim and splash sessions.",
        {
            "minimum_age": 3,
            "maximum_age": 16,
            "cost_details": "Includes reduced cost swim and splash sessions.",
            "schedule_description": "Every school holiday.",
            "service_area": "Sefton",
        },
        [],
        [],
    ),
    (
        "natural-alternatives-programme",
        "universal-and-council-services",
        "sefton-council",
        "Natural Alternatives Programme",
        "This is a biodiversity and access programme providing work and training opportunities for local people "
        "to manage the coast and countryside areas of Sefton.\n\n"
        "It provides a safe, secure and challenging work environment for participants providing training, "
        "education and work experience for:\n"
        "- local disengaged young people\n"
        "- vulnerable adults\n"
        "- adults and young people with learning disabilities\n"
        "- volunteers\n\n"
        "It is an environment where they can add to their knowledge, improve their work skills, confidence, and "
        "self-esteem, and become an integral member of the team.\n\n"
        "Based at the Ainsdale Discovery Centre Complex people can either work in a specialist woodworking unit "
        "or on various other projects including nature trails, access, woodland and nature reserve management and "
        "rights of way maintenance.\n\n"
        "The woodwork unit manufactures countryside timber products for use on coast and countryside in Sefton.",
        {
            "eligibility_description": "Local disengaged young people, vulnerable adults, adults and young people "
            "with learning disabilities, and volunteers."
        },
        ["learning-disability"],
        ["ainsdale-discovery-centre"],
    ),
    (
        "targeted-youth-prevention",
        "universal-and-council-services",
        "sefton-council",
        "The Targeted Youth Prevention (TYP)",
        "The Targeted Youth Prevention (TYP) Team works with young people to promote young peoples', personal and "
        "social development, enable them to be safer, have less opportunity for negative behaviour and enable "
        "them to have a role, influence and place in their communities and society.\n\n"
        "The team seeks to safeguard young people, particularly those who are vulnerable, offering safe places to "
        "explore their identity, experience decision making, increase confidence, develop inter-personal skills, "
        "and think through the consequences of their actions which leads to better informed choices, changes in "
        "behaviour, improved outcomes and better life chances.",
        {},
        [],
        [],
    ),
    (
        "community-learning",
        "universal-and-council-services",
        "sefton-council",
        "Community Learning",
        "The Sefton Community Learning Service is committed to inclusion and equal opportunity of learning for "
        "all adults regardless of their sexuality, race or ability. The prospectus is updated on a regular basis.",
        # "All adults": 18 and over.
        {"minimum_age": 18, "eligibility_description": "All adults."},
        [],
        [],
    ),
    (
        "sefton-at-work",
        "universal-and-council-services",
        "sefton-council",
        "Sefton@Work",
        "Sefton@Work offers a range of free and confidential job-related services to residents aged 16 years and "
        "above throughout Sefton.",
        {
            "minimum_age": 16,
            "eligibility_description": "Residents of Sefton aged 16 years and above.",
            "cost": "free",
            "service_area": "Sefton",
        },
        [],
        [],
    ),
    # --- Voluntary services (8) -------------------------------------------------------------------
    (
        "sefton-cvs",
        "voluntary-services",
        "sefton-cvs",
        "Sefton CVS",
        "Sefton CVS co-ordinate several Children's and Young Peoples Services that are inclusive to some Children "
        "and Young People with SEND. Many would not recognise themselves as doing so or as specialised services.",
        {},
        [],
        [],
    ),
    (
        "buddy-up-scheme",
        "voluntary-services",
        "aiming-high",
        "Buddy up scheme",
        "Buddy Up is commissioned by Aiming High Short Breaks services and a part of Sefton's short breaks offer. "
        "Buddy Up is a mentoring and befriending project for young people aged between 13 and 18 who have "
        "additional needs and are at risk of social isolation. The project supports these young people to engage "
        "in fun, age-appropriate activities in their local community with the support of peer mentors. This helps "
        "to reduce social isolation, increase confidence and self-esteem, improve independence skills, and "
        "prepare the young person for adulthood.\n\n"
        "The project works with mainstream schools, colleges, universities and youth groups to identify and "
        "recruit peer mentors aged between 13 and 25 who are keen to volunteer within their community and have "
        "the relevant skills to fulfil a peer mentor role.",
        {
            "minimum_age": 13,
            "maximum_age": 18,
            "eligibility_description": "Young people who have additional needs and are at risk of social isolation.",
            "funding_source": "Commissioned by Aiming High Short Breaks services.",
        },
        [],
        [],
    ),
    (
        "sefton-carers-centre",
        "voluntary-services",
        "sefton-carers-centre",
        "Sefton Carers Centre",
        "Sefton Carers Centre provides free advice and guidance, emotional and practical support, training and a "
        "range of holistic therapies for unpaid carers living in Sefton.",
        {
            "eligibility_description": "Unpaid carers living in Sefton.",
            "cost": "free",
            "cost_details": "Advice and guidance are free.",
            "service_area": "Sefton",
        },
        [],
        [],
    ),
    (
        "sefton-young-carers",
        "voluntary-services",
        "sefton-carers-centre",
        "Sefton Young Carers",
        "The Sefton Young Carers Service provides support to children and young people between 5 and 17 years of "
        "age who look after someone in their family who could not manage without this help. Sefton Young Carers "
        "Service work alongside families, schools and professionals to ensure that the role of young carers is "
        "supported and recognised - including by young carers themselves. All young carers are entitled to an "
        "assessment of their needs and to receive appropriate personalised support.",
        {
            "minimum_age": 5,
            "maximum_age": 17,
            "eligibility_description": "Children and young people who look after someone in their family who "
            "could not manage without this help.",
        },
        [],
        [],
    ),
    (
        "together-trust",
        "voluntary-services",
        "together-trust",
        "Together Trust",
        "The Together Trust is a voluntary organisation providing a wide range of care, special education and "
        "community services for children and adults with autism, learning difficulties and/or complex needs.",
        {"eligibility_description": "Children and adults with autism, learning difficulties and/or complex needs."},
        ["autism", "learning-disability"],
        [],
    ),
    (
        "home-start-southport-and-formby",
        "voluntary-services",
        "home-start-southport-formby",
        "Home Start – Southport and Formby",
        "A voluntary organisation committed to promoting the welfare of families with at least one child under 5 "
        "years of age. Volunteers offer regular support, friendship and practical help to families under stress "
        "in their own homes to prevent family crisis and breakdown. SEND support is incorporated into their role "
        "in supporting families.",
        {
            "minimum_age": 0,
            "maximum_age": 4,
            "eligibility_description": "Families with at least one child under 5 years of age.",
            "service_area": "Southport and Formby",
        },
        [],
        [],
    ),
    (
        "autism-initiatives",
        "voluntary-services",
        "autism-initiatives",
        "Autism Initiatives",
        "Autism Initiatives offers specialist day services, residential, supported living services, and short "
        "breaks services to adults with Autistic Spectrum Conditions.\n\n"
        "They also run Peterhouse School in Southport, support autistic children who are in mainstream education, "
        "and facilitate parent support groups.",
        {},
        ["autism"],
        ["peterhouse-school"],
    ),
    (
        "seas",
        "voluntary-services",
        "seas",
        "Sefton Emotional Achievement Service (SEAS)",
        "Undertakes specific Emotional and Wellbeing work with Children with Additional Needs – members are "
        "VENUS, PSS, Space (MYA), Parenting 2000 and Sefton CVS. Please see the Sefton Local Offer for further "
        "information on these organisations.",
        {"eligibility_description": "Children with additional needs."},
        ["social-emotional-mental-health"],
        [],
    ),
    # --- Information and advice (2) ---------------------------------------------------------------
    (
        "sendiass",
        "information-and-advice",
        "sefton-council",
        "Sefton's Information, Advice and Support Service (SENDIASS)",
        "The jointly commissioned SENDIASS service. This is a statutory service that provides confidential and "
        "impartial information, advice and support to disabled children and young people, and those with SEN, and "
        "their parents (who have children/young people 0-25 years). The services are impartial, accessible and "
        "free, and all staff are independently legally trained.",
        {
            "minimum_age": 0,
            "maximum_age": 25,
            "eligibility_description": "Disabled children and young people, and those with SEN, and their parents.",
            "cost": "free",
            "funding_source": "Jointly commissioned.",
        },
        [],
        [],
    ),
    (
        "senis",
        "information-and-advice",
        "sefton-council",
        "SENIS – The Special Educational Needs and Inclusion Service",
        "The SENIS Early Years Team provide advice and guidance on including children aged 0-5 years who have, or "
        "may have, special educational needs. They work closely with families and early years settings in helping "
        "to understand young children's strengths and needs and finding ways to promote all aspects of their "
        "learning and development. Their work includes:\n"
        "- contributing to the assessment of children's needs e.g., through observations, direct work and "
        "discussions with those who know the child best.\n"
        "- helping to plan and review interventions and monitor progress.\n"
        "- working with other agencies including speech and language therapists and community paediatricians\n"
        "- supporting children's transitions\n"
        "- signposting families and settings to other services\n"
        "- developing and training",
        {
            "minimum_age": 0,
            "maximum_age": 5,
            "eligibility_description": "Children aged 0-5 years who have, or may have, special educational needs.",
        },
        [],
        [],
    ),
]

# The one contact the document gives.
CONTACTS = {"family-wellbeing-centres": [{"name": "Early Help Front Door", "email": "early.help@sefton.gcsx.gov.uk"}]}


def build() -> list[dict]:
    objects: list[dict] = []
    taxonomy_ids = {}
    for key, name, description in TAXONOMIES:
        taxonomy_ids[key] = uid("taxonomy", key)
        objects.append(
            {
                "model": "provision.taxonomy",
                "pk": taxonomy_ids[key],
                "fields": {"key": key, "name": name, "description": description, "uri": "", "version": "1"},
            }
        )
    term_ids, term_names = {}, {}
    for taxonomy_key, terms in (("service-category", CATEGORIES), ("need", NEEDS)):
        for order, (slug, name, description) in enumerate(terms, start=1):
            term_ids[slug] = uid("term", taxonomy_key, slug)
            term_names[slug] = name
            objects.append(
                {
                    "model": "provision.taxonomyterm",
                    "pk": term_ids[slug],
                    "fields": {
                        "taxonomy": taxonomy_ids[taxonomy_key],
                        "name": name,
                        "slug": slug,
                        "description": description,
                        "parent": None,
                        "term_uri": "",
                        "order": order,
                    },
                }
            )
    for key, (name, description) in ORGANIZATIONS.items():
        objects.append(
            {
                "model": "provision.organization",
                "pk": uid("organization", key),
                "fields": {"partnership": PARTNERSHIP, "name": name, "description": description},
            }
        )
    for key, fields in VENUES.items():
        objects.append(
            {
                "model": "provision.location",
                "pk": uid("location", key),
                "fields": {
                    "location_type": "physical",
                    "country": "GB",
                    **fields,
                    "address_id": uid("location", key, "address"),
                    "accessibility_id": uid("location", key, "accessibility"),
                },
            }
        )
    links = []
    for key, section, org, name, description, extra, needs, venues in SERVICES:
        pk = uid("service", key)
        slugs = [section, *needs]
        objects.append(
            {
                "model": "provision.service",
                "pk": pk,
                "fields": {
                    "organization": uid("organization", org),
                    "name": name,
                    "description": description,
                    "status": "active",
                    **extra,
                    "assured_date": None,
                    "last_modified": TRANSCRIBED,
                    "taxonomy_text": " ".join(sorted(term_names[slug] for slug in slugs)),
                    "cost_option_id": uid("service", key, "cost"),
                    "schedule_id": uid("service", key, "schedule"),
                    "service_area_id": uid("service", key, "area"),
                    "funding_id": uid("service", key, "funding"),
                },
            }
        )
        for slug in slugs:
            links.append(
                {
                    "model": "provision.attribute",
                    "pk": uid("attribute", key, slug),
                    "fields": {"service": pk, "taxonomy_term": term_ids[slug]},
                }
            )
        for venue in venues:
            links.append(
                {
                    "model": "provision.serviceatlocation",
                    "pk": uid("service-at-location", key, venue),
                    "fields": {"service": pk, "location": uid("location", venue)},
                }
            )
        for n, contact in enumerate(CONTACTS.get(key, []), start=1):
            links.append(
                {
                    "model": "provision.contact",
                    "pk": uid("contact", key, str(n)),
                    "fields": {
                        "service": pk,
                        "title": "",
                        "phone": "",
                        **contact,
                        "phone_id": uid("phone", key, str(n)),
                    },
                }
            )
    return objects + links


class Command(BaseCommand):
    help = "Print the Sefton provision fixture (Appendix 2 of the strategy) as JSON."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(build(), indent=2, ensure_ascii=False))
